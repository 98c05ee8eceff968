package io.contextstore.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.client.json.Json;
import io.contextstore.testing.Tenants.TestTenant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Editor hooks on a machine with two accounts (ADR 37): profile acme bound to ~/work/acme with `ctx profile bind`,
 * profile globex named by a .ctx-profile file in its repository, each logged in to its own tenant of the real
 * services; the hooks run through the ./ctx launcher in a JVM of their own (CTX_DAEMON=off).
 */
class ProfileHooksIT extends HookThroughLauncher {

    final TestServer server = TestServer.shared();

    @TempDir
    Path work;

    TestTenant acme;
    TestTenant globex;
    Path acmeSource;
    Path globexSource;
    Path personal;

    @BeforeEach
    void twoAccountsBoundToTwoDirectories() throws IOException {
        acme = server.tenants().create("ann");
        globex = server.tenants().create("gil");
        Ctx root = new Ctx(home);
        for (Map.Entry<String, TestTenant> account : Map.of("acme", acme, "globex", globex).entrySet()) {
            Ctx.Run login = root.run("login", "--profile", account.getKey(), "--server", server.baseUrl(), "--key",
                    account.getValue().licenseKey(), "--device", "laptop");
            assertThat(login.exit()).as(login.err()).isZero();
        }
        acmeSource = Files.createDirectories(work.resolve("acme/billing/src"));
        globexSource = Files.createDirectories(work.resolve("clients/globex-repo/src/main"));
        personal = Files.createDirectories(work.resolve("personal"));
        Ctx.Run bind = root.run("profile", "bind", "acme", work.resolve("acme").toString());
        assertThat(bind.exit()).as(bind.err()).isZero();
        Files.writeString(work.resolve("clients/globex-repo/.ctx-profile"), "globex\n");
    }

    static String todoWrite(Path cwd, String todo) {
        return Json.write(Map.of("session_id", "s-" + Math.abs(todo.hashCode()), "hook_event_name", "PostToolUse",
                "tool_name", "TodoWrite", "cwd", cwd.toString(), "tool_response", Map.of(),
                "tool_input", Map.of("todos", List.of(Map.of("content", todo, "status", "pending")))));
    }

    /** One hook through the launcher, from the test's own directory (never the event's), with {@code environment} added. */
    Ctx.Run hook(String event, Map<String, String> environment) throws Exception {
        hooks++;
        ProcessBuilder process = launcher().process("hook");
        process.environment().remove("CTX_PROFILE");
        process.environment().putAll(environment);
        return Ctx.complete(process, event);
    }

    /** The files of one profile, read with plain JDBC. */
    Ctx files(String profile) {
        return new Ctx(profile.equals("default") ? home : home.resolve("profiles").resolve(profile));
    }

    /** Rows in a profile's queue; none when its session tier was never created. */
    long queued(String profile) {
        Ctx files = files(profile);
        return Files.exists(files.home().resolve("sessions.db")) ? files.count("sessions.db", "SELECT count(*) FROM sync_queue") : 0;
    }

    List<String> tasks(String profile) {
        return files(profile).strings("sessions.db", "SELECT description FROM tasks ORDER BY description");
    }

    @Test
    void eachDirectorysHookEventsAreQueuedToItsOwnProfileAndReachOnlyItsOwnTenant() throws Exception {
        List<Ctx.Run> runs = List.of(
                hook(todoWrite(acmeSource, "acme: migrate the billing export"), Map.of()),
                hook(todoWrite(globexSource, "globex: rotate the signing keys"), Map.of()),
                hook(todoWrite(personal, "personal: renew the passport"), Map.of()),
                // CTX_PROFILE is above any binding: the launcher hands it on (to the daemon as --profile)
                hook(todoWrite(acmeSource, "globex by CTX_PROFILE: review the invoice"), Map.of("CTX_PROFILE", "globex")));
        assertThat(runs).allSatisfy(run -> assertThat(run.exit()).as(run.err()).isZero());

        assertThat(tasks("acme")).containsExactly("acme: migrate the billing export");
        assertThat(tasks("globex")).containsExactly("globex by CTX_PROFILE: review the invoice", "globex: rotate the signing keys");
        assertThat(tasks("default")).as("no binding: the default profile").containsExactly("personal: renew the passport");
        List<String> acmeHashes = files("acme").strings("sessions.db", "SELECT content_hash FROM sync_queue");
        List<String> globexHashes = files("globex").strings("sessions.db", "SELECT content_hash FROM sync_queue");

        for (String profile : List.of("acme", "globex")) {
            Ctx.Run sync = new Ctx(home).run("--profile", profile, "sync", "--json");
            assertThat(sync.exit()).as(sync.err()).isZero();
        }

        assertThat(server.contentHashes(acme.tenantId())).containsExactlyInAnyOrderElementsOf(acmeHashes);
        assertThat(server.contentHashes(globex.tenantId())).containsExactlyInAnyOrderElementsOf(globexHashes).hasSize(2);
        // each profile's pull brought back its own tenant's events, and only them
        assertThat(tasks("acme")).containsExactly("acme: migrate the billing export");
        assertThat(files("acme").count("sessions.db", "SELECT count(*) FROM task_events WHERE event_id IS NULL")).isZero();
        assertThat(files("globex").count("sessions.db", "SELECT count(*) FROM task_events WHERE event_id IS NULL")).isZero();
        assertThat(queued("default")).as("the default profile is not logged in: its item waits").isEqualTo(1);
    }

    @Test
    void anEventFromADirectoryBoundToAnUnknownOrMalformedProfileIsRefusedAndRecordedNowhere() throws Exception {
        Path initech = Files.createDirectories(work.resolve("initech/app"));
        Files.writeString(work.resolve("initech/.ctx-profile"), "initech\n");
        Path planted = Files.createDirectories(work.resolve("planted"));
        Files.writeString(planted.resolve(".ctx-profile"), "../acme\n");

        Ctx.Run unknown = hook(todoWrite(initech, "initech: must not be queued anywhere"), Map.of());
        Ctx.Run malformed = hook(todoWrite(planted, "planted: must not be queued anywhere"), Map.of());
        Ctx.Run unknownVariable = hook(todoWrite(acmeSource, "nope: must not be queued anywhere"), Map.of("CTX_PROFILE", "nope"));

        assertThat(unknown.exit()).isEqualTo(6);
        assertThat(unknown.err()).contains("unknown profile \"initech\"").contains(work.toRealPath().resolve("initech/.ctx-profile").toString())
                .contains("nothing was recorded");
        assertThat(malformed.exit()).isEqualTo(6);
        assertThat(malformed.err()).contains("not a profile name: \"../acme\"");
        assertThat(unknownVariable.exit()).isEqualTo(6);
        assertThat(unknownVariable.err()).contains("unknown profile \"nope\" (chosen by CTX_PROFILE)");
        for (String profile : List.of("default", "acme", "globex")) {
            assertThat(queued(profile)).as(profile).isZero();
        }
        try (var profiles = Files.list(home.resolve("profiles"))) {
            assertThat(profiles.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("acme", "globex");
        }
        assertThat(home.resolve("acme")).doesNotExist();
    }
}
