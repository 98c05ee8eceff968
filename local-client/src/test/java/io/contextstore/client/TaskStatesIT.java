package io.contextstore.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.client.json.Json;
import io.contextstore.events.TaskTracked;
import io.contextstore.testing.Tenants.TestTenant;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task that returns to an earlier state, recorded by {@code ctx hook} from TodoWrite events online and
 * offline, ends in its last state on the server, on the device that wrote it and on another device
 * (ADR 2); repeating the last state adds nothing anywhere.
 */
class TaskStatesIT {

    private static final List<String> STATES = List.of("pending", "in_progress", "pending", "completed", "pending");

    private final TestServer server = TestServer.shared();

    @TempDir
    Path homes;

    @Test
    void offlineEveryStateIsQueuedInOrderAndTheTaskEndsPendingEverywhereAfterSync() {
        TestTenant alice = server.tenants().create("alice");
        Ctx laptop = new Ctx(homes.resolve("laptop"));
        for (String status : STATES) {
            assertThat(laptop.runWithInput(todoWrite(status), "hook").exit()).isZero();
            assertThat(laptop.runWithInput(todoWrite(status), "hook").exit()).as("the same event again").isZero();
        }

        assertThat(laptop.strings("sessions.db", "SELECT json_extract(payload, '$.status') FROM sync_queue ORDER BY id"))
                .containsExactlyElementsOf(STATES);
        assertThat(laptop.strings("sessions.db", "SELECT status FROM tasks")).containsExactly("pending");
        login(laptop, alice, "laptop");
        assertThat(laptop.run("sync").exit()).isZero();

        assertThat(statuses(alice)).containsExactlyElementsOf(STATES);
        assertThat(laptop.strings("sessions.db", "SELECT status FROM tasks")).containsExactly("pending");
        assertThat(laptop.count("sessions.db", "SELECT count(*) FROM task_events WHERE event_id IS NULL")).isZero();
        assertThat(laptop.count("sessions.db", "SELECT count(*) FROM task_events")).isEqualTo(STATES.size());
        assertSecondDeviceSeesPending(alice);
    }

    @Test
    void onlineEachStateIsOneEventAndRepeatingTheCurrentStateAppendsNothing() {
        TestTenant alice = server.tenants().create("alice");
        Ctx laptop = new Ctx(homes.resolve("laptop"));
        login(laptop, alice, "laptop");
        for (String status : STATES) {
            laptop.runWithInput(todoWrite(status), "hook");
            assertThat(laptop.run("sync").exit()).isZero();
            int inLog = server.events(alice.tenantId()).size();

            laptop.runWithInput(todoWrite(status), "hook");
            Ctx.Run retry = laptop.run("sync", "--json");

            assertThat(retry.exit()).isZero();
            assertThat(server.events(alice.tenantId())).as("the current state again appends nothing").hasSize(inLog);
            assertThat(laptop.strings("sessions.db", "SELECT status FROM tasks")).containsExactly(status);
        }

        assertThat(statuses(alice)).containsExactlyElementsOf(STATES);
        assertSecondDeviceSeesPending(alice);
    }

    private void assertSecondDeviceSeesPending(TestTenant alice) {
        Ctx desktop = new Ctx(homes.resolve("desktop"));
        login(desktop, alice, "desktop");
        assertThat(desktop.run("sync").exit()).isZero();
        assertThat(desktop.strings("sessions.db", "SELECT status FROM tasks")).containsExactly("pending");
        assertThat(desktop.strings("sessions.db", "SELECT status FROM task_events ORDER BY cursor"))
                .containsExactlyElementsOf(STATES);
    }

    private List<String> statuses(TestTenant tenant) {
        return server.events(tenant.tenantId()).stream()
                .map(e -> ((TaskTracked) e.getPayload()).getStatus()).toList();
    }

    private void login(Ctx ctx, TestTenant tenant, String device) {
        Ctx.Run login = ctx.run("login", "--server", server.baseUrl(), "--key", tenant.licenseKey(), "--device", device);
        assertThat(login.exit()).as(login.err()).isZero();
    }

    /** A PostToolUse event of TodoWrite with one todo, as the editor sends it. */
    private static String todoWrite(String status) {
        Map<String, Object> todo = Map.of("content", "Reopen the login bug", "status", status, "activeForm", "Reopening",
                "id", "r7");
        return Json.write(Map.of("session_id", "s-reopen", "cwd", "/home/dev/contextstore", "hook_event_name", "PostToolUse",
                "tool_name", "TodoWrite", "tool_input", Map.of("todos", List.of(todo)),
                "tool_response", Map.of("newTodos", List.of(todo))));
    }
}
