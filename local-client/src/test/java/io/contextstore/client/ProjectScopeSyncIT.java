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
        People p = people("acme-");
        String marker = p.marker();
        String project = p.project();
        String tenant = p.tenant();
        ok(p.laptop().run("push", "decision", "--project", project, "--title", "client-" + marker, "--decision", "theirs"));
        ok(p.laptop().run("push", "message", "--project", project, "--session", "s-1", "--role", "user",
                "--content", "client-note-" + marker));
        ok(p.laptop().run("push", "decision", "--title", "team-" + marker, "--decision", "everyone's"));
        ok(p.laptop().run("sync"));
        ok(p.desktop().run("sync"));
        ok(p.bobs().run("sync"));
        String projectDecisions = "SELECT count(*) FROM decisions WHERE project_id = '" + project + "'";
        String projectMessages = "SELECT count(*) FROM messages WHERE project_id = '" + project + "'";
        String teamDecision = "SELECT count(*) FROM decisions WHERE title = 'team-" + marker + "'";
        assertThat(p.desktop().count("org.db", projectDecisions)).isOne();
        assertThat(p.desktop().count("sessions.db", projectMessages)).isOne();
        assertThat(p.bobs().count("org.db", projectDecisions)).isZero();
        assertThat(p.bobs().count("org.db", teamDecision)).isOne();

        admin("team", "remove-member", "--tenant", tenant, "--team", "core", "--user", p.alice().userId());
        ok(p.desktop().run("sync"));

        assertThat(p.desktop().count("org.db", projectDecisions)).isZero();
        assertThat(p.desktop().count("sessions.db", projectMessages)).isZero();
        assertThat(p.desktop().count("org.db", teamDecision)).isOne();
        assertThat(p.desktop().run("search", "client-note-" + marker).out()).doesNotContain("client-note");

        admin("team", "add-member", "--tenant", tenant, "--team", "core", "--user", p.alice().userId());
        ok(p.desktop().run("sync"));

        assertThat(p.desktop().count("org.db", projectDecisions)).isOne();
        assertThat(p.desktop().count("sessions.db", projectMessages)).isOne();
        assertThat(p.desktop().count("org.db", teamDecision)).isOne();
        ok(p.desktop().run("sync"));
        assertThat(p.desktop().count("org.db", "SELECT count(*) FROM decisions")).isEqualTo(2);
    }

    @Test
    void aSharedMessageReachesTheProjectsOtherMembersAndOnlyThem() {
        People p = people("globex-");
        String marker = p.marker();
        String project = p.project();
        ok(p.laptop().run("push", "message", "--project", project, "--session", "s-1", "--role", "user",
                "--content", "worth-sharing-" + marker));
        ok(p.laptop().run("sync"));
        String id = p.laptop().strings("sessions.db", "SELECT event_id FROM messages").get(0);
        String shared = "SELECT count(*) FROM messages WHERE content = 'worth-sharing-" + marker + "'";
        ok(p.danas().run("sync"));
        assertThat(p.danas().count("sessions.db", shared)).isZero();

        Ctx.Run share = p.laptop().run("share", id, "--project", project);
        ok(share);
        assertThat(share.out()).contains("shared " + id + " with project " + project);
        assertThat(p.laptop().run("share", id, "--project", "elsewhere").exit()).isEqualTo(1);
        awaitOneOnDanasDevice(p, "sessions.db", shared);
        ok(p.laptop().run("sync"));
        ok(p.bobs().run("sync"));

        assertThat(p.bobs().count("sessions.db", shared)).isZero();
        assertThat(p.laptop().count("sessions.db", shared)).isOne();
    }

    @Test
    void aPersonalDecisionStaysOnItsAuthorsDevicesAndIsFoundThereButNeverReachesATeammateInTheProject() {
        People p = people("initech-");
        String marker = p.marker();
        String project = p.project();
        String mine = "stance-" + marker;
        ok(p.laptop().run("push", "decision", "--project", project, "--personal", "--title", mine, "--decision", "walk away"));
        ok(p.laptop().run("push", "decision", "--project", project, "--title", "team-" + marker, "--decision", "the project's"));
        ok(p.laptop().run("sync"));
        ok(p.desktop().run("sync"));
        ok(p.danas().run("sync"));

        String personal = "SELECT count(*) FROM decisions WHERE title = '" + mine + "'";
        String team = "SELECT count(*) FROM decisions WHERE title = 'team-" + marker + "'";
        assertThat(p.laptop().count("org.db", personal)).isOne();
        assertThat(p.desktop().count("org.db", personal)).as("her other device pulls it").isOne();
        assertThat(p.desktop().run("search", mine).out()).contains(mine);
        assertThat(p.desktop().run("list", "decisions").out()).contains(mine);
        assertThat(p.danas().count("org.db", team)).isOne();
        assertThat(p.danas().count("org.db", personal)).isZero();
        assertThat(p.danas().run("search", mine).out()).doesNotContain(mine);
        assertThat(p.danas().run("list", "decisions").out()).doesNotContain(mine).contains("team-" + marker);

        // shared on purpose with the project (ADR 36): from then on it is the project's
        String id = p.laptop().strings("org.db", "SELECT event_id FROM decisions WHERE title = '" + mine + "'").get(0);
        Ctx.Run share = p.laptop().run("share", id, "--project", project);
        ok(share);
        assertThat(share.out()).contains("shared " + id + " with project " + project);
        awaitOneOnDanasDevice(p, "org.db", personal);
        assertThat(p.danas().run("search", mine).out()).contains(mine);
        ok(p.laptop().run("sync"));
        assertThat(p.laptop().count("org.db", personal)).as("one row per content on her laptop").isOne();
    }

    @Test
    void aMessageSharedIntoAProjectItDoesNotNameReachesItsMembersAndLeavesTheirDevicesWithTheProject() {
        People p = people("hooli-");
        String note = "no-project-note-" + p.marker();
        String id = syncedMessage(p, note);
        String held = "SELECT count(*) FROM messages WHERE content = '" + note + "'";
        ok(p.danas().run("sync"));
        assertThat(p.danas().count("sessions.db", held)).isZero();

        ok(p.laptop().run("share", id, "--project", p.project()));
        awaitOneOnDanasDevice(p, "sessions.db", held);
        assertThat(p.danas().run("search", note).out()).contains(note);
        ok(p.bobs().run("sync"));
        assertThat(p.bobs().count("sessions.db", held)).isZero();

        ok(p.laptop().run("sync"));
        for (TestTenant member : List.of(p.dana(), p.alice())) {
            admin("team", "remove-member", "--tenant", p.tenant(), "--team", "core", "--user", member.userId());
        }
        ok(p.danas().run("sync"));
        assertThat(p.danas().count("sessions.db", held)).as("gone with the project").isZero();
        ok(p.laptop().run("sync"));
        assertThat(p.laptop().count("sessions.db", held)).as("alice's own message stays hers").isOne();
    }

    @Test
    void aShareMadeWhileTheServerIsDownIsQueuedDeliveredByTheNextSyncAndNeverTwice() {
        People p = people("umbrella-");
        String note = "offline-share-" + p.marker();
        String id = syncedMessage(p, note);
        String queuedShares = "SELECT count(*) FROM sync_queue WHERE state = 'pending' AND payload LIKE '%\"shares\"%'";

        server.stop();
        try {
            Ctx.Run offline = p.laptop().run("share", id, "--project", p.project());
            ok(offline);
            assertThat(offline.out()).contains("queued #", "share of " + id, "the next ctx sync sends it");
            ok(p.laptop().run("share", id, "--project", p.project()));
            assertThat(p.laptop().count("sessions.db", queuedShares)).as("the same share queued twice is one").isOne();
        } finally {
            server.start();
        }
        assertThat(shares(p)).isZero();

        ok(p.laptop().run("sync"));

        assertThat(p.laptop().count("sessions.db", "SELECT count(*) FROM sync_queue")).isZero();
        assertThat(shares(p)).isOne();
        String held = "SELECT count(*) FROM messages WHERE content = '" + note + "'";
        awaitOneOnDanasDevice(p, "sessions.db", held);
        Ctx.Run retried = p.laptop().run("share", id, "--project", p.project());
        ok(retried);
        assertThat(retried.out()).contains("already shared " + id);
        assertThat(shares(p)).as("a retried share appends nothing").isOne();
    }

    /** Alice's message naming no project, pushed from her laptop and synced: its id. */
    private static String syncedMessage(People p, String content) {
        ok(p.laptop().run("push", "message", "--session", "s-1", "--role", "user", "--content", content));
        ok(p.laptop().run("sync"));
        return p.laptop().strings("sessions.db", "SELECT event_id FROM messages WHERE content = '" + content + "'").get(0);
    }

    /** The shares in the log of p's tenant. */
    private long shares(People p) {
        return server.events(p.alice().tenantId()).stream().filter(event -> event.getShares() != null).count();
    }

    /** A new tenant: alice (a laptop and a desktop) and dana on team "core" of a new restricted project, bob outside it. */
    private record People(String marker, String project, TestTenant alice, TestTenant dana, Ctx laptop, Ctx desktop,
                          Ctx danas, Ctx bobs) {

        String tenant() {
            return alice.tenantId().toString();
        }
    }

    private People people(String projectPrefix) {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String project = projectPrefix + marker;
        TestTenant alice = server.tenants().create("alice-" + marker);
        TestTenant dana = server.tenants().member(alice.tenantId(), "dana-" + marker);
        TestTenant bob = server.tenants().member(alice.tenantId(), "bob-" + marker);
        teamOnProject(alice.tenantId().toString(), project, alice.userId(), dana.userId());
        return new People(marker, project, alice, dana, server.device(temp, alice, "laptop"),
                server.device(temp, alice, "desktop"), server.device(temp, dana, "laptop"), server.device(temp, bob, "laptop"));
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

    /** Dana's device syncs until its tier holds one row of {@code countQuery}: a share is projected behind its answer. */
    private static void awaitOneOnDanasDevice(People p, String tier, String countQuery) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            ok(p.danas().run("sync"));
            assertThat(p.danas().count(tier, countQuery)).isOne();
        });
    }

    private static void ok(Ctx.Run run) {
        assertThat(run.exit()).as(run.err()).isZero();
    }
}
