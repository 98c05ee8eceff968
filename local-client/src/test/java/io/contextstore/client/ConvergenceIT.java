package io.contextstore.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.testing.Tenants.TestTenant;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two devices of one user and a teammate, each with its own SQLite files, syncing through the real server. */
class ConvergenceIT {

    private final TestServer server = TestServer.shared();

    @TempDir
    Path temp;

    private Ctx device(TestTenant member, String device) {
        Ctx ctx = new Ctx(temp.resolve(member.userId() + "-" + device));
        Ctx.Run login = ctx.run("login", "--server", server.baseUrl(), "--key", member.licenseKey(), "--device", device);
        assertThat(login.exit()).as(login.err()).isZero();
        return ctx;
    }

    private static Set<String> decisions(Ctx ctx) {
        return new HashSet<>(ctx.strings("org.db", "SELECT title FROM decisions"));
    }

    @Test
    void twoDevicesOfOneUserAndATeammateConvergeOnTheSameDecisionsAndTasksStayWithTheirUser() {
        TestTenant alice = server.tenants().create("alice");
        TestTenant bob = server.tenants().member(alice.tenantId(), "bob");
        Ctx laptop = device(alice, "laptop");
        Ctx desktop = device(alice, "desktop");
        Ctx bobs = device(bob, "bobs-laptop");

        laptop.run("push", "decision", "--title", "Kafka is the log", "--decision", "events first", "--tag", "arch");
        laptop.run("push", "task", "--task-id", "t-1", "--description", "alice's task", "--status", "in_progress");
        desktop.run("push", "decision", "--title", "SQLite on devices", "--decision", "four tiers");
        bobs.run("push", "decision", "--title", "RLS everywhere", "--decision", "FORCE on every table");
        bobs.run("push", "decision", "--title", "Kafka is the log", "--decision", "events first", "--tag", "arch");
        List<Ctx> everyone = List.of(laptop, desktop, bobs);
        for (Ctx ctx : everyone) {
            Ctx.Run sync = ctx.run("sync");
            assertThat(sync.exit()).as(sync.err()).isZero();
        }

        Set<String> expected = Set.of("Kafka is the log", "SQLite on devices", "RLS everywhere");
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            for (Ctx ctx : everyone) {
                assertThat(ctx.run("sync").exit()).isZero();
                assertThat(decisions(ctx)).isEqualTo(expected);
            }
        });

        Set<String> reference = new HashSet<>(laptop.strings("org.db", "SELECT content_hash || event_id || cursor FROM decisions"));
        for (Ctx ctx : everyone) {
            assertThat(ctx.count("org.db", "SELECT count(*) FROM decisions")).isEqualTo(3);
            assertThat(ctx.count("org.db", "SELECT count(*) FROM decisions WHERE cursor IS NULL OR event_id IS NULL")).isZero();
            assertThat(new HashSet<>(ctx.strings("org.db", "SELECT content_hash || event_id || cursor FROM decisions")))
                    .isEqualTo(reference);
        }
        assertThat(server.events(alice.tenantId())).hasSize(4); // the decision both pushed is one event
        assertThat(desktop.strings("sessions.db", "SELECT status FROM tasks WHERE task_id = 't-1'")).containsExactly("in_progress");
        assertThat(bobs.count("sessions.db", "SELECT count(*) FROM task_events")).isZero();
    }
}
