package io.contextstore.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.client.json.Json;
import io.contextstore.events.ToolUsageRecorded;
import io.contextstore.testing.Tenants.TestTenant;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hook counts tool calls; a sync sends each session's totals per tool once per change, and another device pulls them. */
class ToolAnalyticsSyncIT {

    private final TestServer server = TestServer.shared();

    @TempDir
    Path homes;

    @Test
    void totalsThatChangedAreSentOnceAndReachTheUsersOtherDevice() {
        TestTenant alice = server.tenants().create("alice");
        Ctx laptop = loggedIn(alice, "laptop");
        for (boolean failed : List.of(false, true, false)) {
            assertThat(laptop.runWithInput(toolUse("Bash", failed), "hook").exit()).isZero();
        }
        laptop.runWithInput(toolUse("Edit", false), "hook");

        assertThat(laptop.run("sync").exit()).isZero();
        assertThat(totals(alice)).containsExactlyInAnyOrder("Bash 3/1", "Edit 1/0");
        assertThat(laptop.run("sync").exit()).isZero();
        assertThat(totals(alice)).as("nothing changed, nothing sent").hasSize(2);
        laptop.runWithInput(toolUse("Bash", false), "hook");
        assertThat(laptop.run("sync").exit()).isZero();
        assertThat(totals(alice)).containsExactlyInAnyOrder("Bash 3/1", "Edit 1/0", "Bash 4/1");

        Ctx desktop = loggedIn(alice, "desktop");
        assertThat(desktop.run("sync").exit()).isZero();
        assertThat(desktop.strings("sessions.db", "SELECT tool_name || ' ' || calls || '/' || errors || ' ' || project_id"
                + " FROM tool_usage_events ORDER BY cursor")).containsExactly("Bash 3/1 contextstore", "Edit 1/0 contextstore",
                "Bash 4/1 contextstore");
    }

    private List<String> totals(TestTenant tenant) {
        return server.events(tenant.tenantId()).stream().map(e -> (ToolUsageRecorded) e.getPayload())
                .map(t -> t.getToolName() + " " + t.getCalls() + "/" + t.getErrors()).toList();
    }

    private Ctx loggedIn(TestTenant tenant, String device) {
        Ctx ctx = new Ctx(homes.resolve(device));
        assertThat(ctx.run("login", "--server", server.baseUrl(), "--key", tenant.licenseKey(), "--device", device).exit())
                .isZero();
        return ctx;
    }

    private static String toolUse(String tool, boolean failed) {
        return Json.write(Map.of("session_id", "s-tools", "cwd", "/home/dev/contextstore", "hook_event_name", "PostToolUse",
                "tool_name", tool, "tool_input", Map.of(), "tool_response", Map.of("is_error", failed)));
    }
}
