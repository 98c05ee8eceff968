package io.contextstore.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.platform.db.ServiceRole;
import io.contextstore.stack.admin.AdminCommand;
import io.contextstore.testing.Infrastructure;
import io.contextstore.testing.Tenants.TestTenant;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Membership reaches the devices (ADR 36): removed from the project's team, a device of the user deletes the
 * project's rows from its tier files at its next sync; added again, the next sync brings the project's whole
 * history back, each row once. A teammate outside the project never holds them.
 */
class ProjectScopeSyncIT {

    private final TestServer server = TestServer.shared();

    @TempDir
    Path temp;

    @Test
    void aDeviceDeletesALostProjectsRowsAtItsNextSyncAndGetsItsHistoryBackOnceWhenAddedAgain() {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String project = "acme-" + marker;
        TestTenant alice = server.tenants().create("alice-" + marker);
        TestTenant bob = server.tenants().member(alice.tenantId(), "bob-" + marker);
        String tenant = alice.tenantId().toString();
        teamOnProject(tenant, project, alice.userId());
        Ctx laptop = server.device(temp, alice, "laptop");
        Ctx desktop = server.device(temp, alice, "desktop");
        Ctx bobs = server.device(temp, bob, "laptop");
        ok(laptop.run("push", "decision", "--project", project, "--title", "client-" + marker, "--decision", "theirs"));
        ok(laptop.run("push", "message", "--project", project, "--session", "s-1", "--role", "user",
                "--content", "client-note-" + marker));
        ok(laptop.run("push", "decision", "--title", "team-" + marker, "--decision", "everyone's"));
        ok(laptop.run("sync"));
        ok(desktop.run("sync"));
        ok(bobs.run("sync"));
        String projectDecisions = "SELECT count(*) FROM decisions WHERE project_id = '" + project + "'";
        String projectMessages = "SELECT count(*) FROM messages WHERE project_id = '" + project + "'";
        String teamDecision = "SELECT count(*) FROM decisions WHERE title = 'team-" + marker + "'";
        assertThat(desktop.count("org.db", projectDecisions)).isOne();
        assertThat(desktop.count("sessions.db", projectMessages)).isOne();
        assertThat(bobs.count("org.db", projectDecisions)).isZero();
        assertThat(bobs.count("org.db", teamDecision)).isOne();

        admin("team", "remove-member", "--tenant", tenant, "--team", "core", "--user", alice.userId());
        ok(desktop.run("sync"));

        assertThat(desktop.count("org.db", projectDecisions)).isZero();
        assertThat(desktop.count("sessions.db", projectMessages)).isZero();
        assertThat(desktop.count("org.db", teamDecision)).isOne();
        assertThat(desktop.run("search", "client-note-" + marker).out()).doesNotContain("client-note");

        admin("team", "add-member", "--tenant", tenant, "--team", "core", "--user", alice.userId());
        ok(desktop.run("sync"));

        assertThat(desktop.count("org.db", projectDecisions)).isOne();
        assertThat(desktop.count("sessions.db", projectMessages)).isOne();
        assertThat(desktop.count("org.db", teamDecision)).isOne();
        ok(desktop.run("sync"));
        assertThat(desktop.count("org.db", "SELECT count(*) FROM decisions")).isEqualTo(2);
    }

    @Test
    void aSharedMessageReachesTheProjectsOtherMembersAndOnlyThem() {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String project = "globex-" + marker;
        TestTenant alice = server.tenants().create("alice-" + marker);
        TestTenant dana = server.tenants().member(alice.tenantId(), "dana-" + marker);
        TestTenant bob = server.tenants().member(alice.tenantId(), "bob-" + marker);
        String tenant = alice.tenantId().toString();
        teamOnProject(tenant, project, alice.userId(), dana.userId());
        Ctx laptop = server.device(temp, alice, "laptop");
        Ctx danas = server.device(temp, dana, "laptop");
        Ctx bobs = server.device(temp, bob, "laptop");
        ok(laptop.run("push", "message", "--project", project, "--session", "s-1", "--role", "user",
                "--content", "worth-sharing-" + marker));
        ok(laptop.run("sync"));
        String id = laptop.strings("sessions.db", "SELECT event_id FROM messages").get(0);
        String shared = "SELECT count(*) FROM messages WHERE content = 'worth-sharing-" + marker + "'";
        ok(danas.run("sync"));
        assertThat(danas.count("sessions.db", shared)).isZero();

        Ctx.Run share = laptop.run("share", id, "--project", project);
        ok(share);
        assertThat(share.out()).contains("shared " + id + " with project " + project);
        assertThat(laptop.run("share", id, "--project", "elsewhere").exit()).isEqualTo(1);
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            ok(danas.run("sync"));
            assertThat(danas.count("sessions.db", shared)).isOne();
        });
        ok(laptop.run("sync"));
        ok(bobs.run("sync"));

        assertThat(bobs.count("sessions.db", shared)).isZero();
        assertThat(laptop.count("sessions.db", shared)).isOne();
    }

    /** Team "core" with these members, on a new restricted project. */
    private void teamOnProject(String tenant, String project, String... members) {
        admin("team", "create", "--tenant", tenant, "--team", "core");
        admin("project", "create", "--tenant", tenant, "--project", project);
        for (String member : members) {
            admin("team", "add-member", "--tenant", tenant, "--team", "core", "--user", member);
        }
        admin("project", "add-team", "--tenant", tenant, "--project", project, "--team", "core");
    }

    private void admin(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--database-url", server.infrastructure().databaseUrl(),
                "--database-password", Infrastructure.password(ServiceRole.ADMIN)));
        assertThat(new CommandLine(new AdminCommand()).execute(all.toArray(String[]::new))).as(all.toString()).isZero();
    }

    private static void ok(Ctx.Run run) {
        assertThat(run.exit()).as(run.err()).isZero();
    }
}
