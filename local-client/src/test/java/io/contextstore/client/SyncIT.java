package io.contextstore.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.client.auth.CredentialStore;
import io.contextstore.client.auth.Credentials;
import io.contextstore.client.items.Item;
import io.contextstore.client.items.Kind;
import io.contextstore.events.ContextEvent;
import io.contextstore.testing.Tenants.TestTenant;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ctx login}, {@code ctx push} and {@code ctx sync} against the real services, broker and database. */
class SyncIT {

    private final TestServer server = TestServer.shared();

    @TempDir
    Path home;

    private Ctx loggedIn(TestTenant tenant, String device) {
        Ctx ctx = new Ctx(home.resolve(device));
        Ctx.Run login = ctx.run("login", "--server", server.baseUrl(), "--key", tenant.licenseKey(), "--device", device);
        assertThat(login.exit()).as(login.err()).isZero();
        return ctx;
    }

    @Test
    void anOfflineClientsThousandWritesReachTheServerExactlyOnceWhenItComesBack() {
        TestTenant alice = server.tenants().create("alice");
        Ctx ctx = loggedIn(alice, "laptop");
        Set<String> written = new HashSet<>();

        server.stop();
        try {
            try (LocalContext context = LocalContext.open(new ClientHome(ctx.home()), Clock.systemUTC(), new SplittableRandom())) {
                for (int i = 0; i < 1_000; i++) {
                    Item item = Item.of(i % 2 == 0 ? Kind.DECISION : Kind.TASK, i % 2 == 0
                            ? Map.of("title", "decision " + i, "decision", "offline write " + i)
                            : Map.of("task_id", "t-" + i, "description", "offline task " + i, "status", "pending"), Instant.now());
                    context.record(item); // one durable commit per write, as separate ctx push calls would do
                    written.add(item.contentHash());
                }
            }
            Ctx.Run whileDown = ctx.run("sync", "--json");
            assertThat(whileDown.exit()).isEqualTo(4);
            assertThat(ctx.count("sessions.db", "SELECT count(*) FROM sync_queue WHERE state = 'pending'")).isEqualTo(1_000);
            assertThat(ctx.count("sessions.db", "SELECT max(attempts) FROM sync_queue")).isEqualTo(1);
        } finally {
            server.start();
        }

        Ctx.Run sync = ctx.run("sync", "--json");

        assertThat(sync.exit()).as(sync.err()).isZero();
        assertThat(sync.json()).containsEntry("sent", 1_000L).containsEntry("created", 1_000L).containsEntry("pending", 0L);
        List<String> onServer = server.contentHashes(alice.tenantId());
        assertThat(onServer).hasSize(1_000).doesNotHaveDuplicates();
        assertThat(new HashSet<>(onServer)).isEqualTo(written);
        assertThat(ctx.count("sessions.db", "SELECT count(*) FROM sync_queue")).isZero();
        // the pull after the drain confirmed every local row: same content hash, now with the server's id and cursor
        assertThat(ctx.count("org.db", "SELECT count(*) FROM decisions WHERE cursor IS NULL")).isZero();
        assertThat(ctx.count("sessions.db", "SELECT count(*) FROM task_events WHERE event_id IS NULL")).isZero();
    }

    @Test
    void aRefusedItemGoesDeadWithTheServersReasonAndDoesNotBlockTheOthers() {
        TestTenant alice = server.tenants().create("alice");
        Ctx ctx = loggedIn(alice, "laptop");
        StringBuilder items = new StringBuilder("{\"items\": [");
        for (int i = 0; i < 9; i++) {
            String title = i == 4 ? "x".repeat(600) : "decision " + i;
            items.append(i == 0 ? "" : ",").append("{\"kind\": \"decision\", \"title\": \"").append(title)
                    .append("\", \"decision\": \"d\"}");
        }
        assertThat(ctx.runWithInput(items.append("]}").toString(), "push", "item").exit()).isZero();

        Ctx.Run sync = ctx.run("sync", "--batch-size", "3");

        assertThat(sync.exit()).isEqualTo(5);
        assertThat(sync.err()).contains("ctx queue list --dead");
        assertThat(server.events(alice.tenantId())).hasSize(8);
        Ctx.Run dead = ctx.run("queue", "list", "--dead");
        assertThat(dead.out()).contains("400 Invalid request: /title: must be at most 500 characters");
        assertThat(ctx.count("sessions.db", "SELECT count(*) FROM sync_queue WHERE state = 'pending'")).isZero();
        assertThat(ctx.count("sessions.db", "SELECT count(*) FROM sync_queue WHERE state = 'dead'")).isEqualTo(1);

        assertThat(ctx.run("queue", "drop-dead").out()).contains("1 dead items dropped");
        assertThat(ctx.run("sync").exit()).isZero();
    }

    @Test
    void everyKindIsHashedByTheClientExactlyAsTheServerHashesIt() {
        TestTenant alice = server.tenants().create("alice");
        Ctx ctx = loggedIn(alice, "laptop");
        List<Ctx.Run> pushes = List.of(
                ctx.run("push", "decision", "--title", "Kafka", "--decision", "is the log", "--rationale", "replay",
                        "--tag", "arch", "--tag", "kafka", "--project", "ctx"),
                ctx.run("push", "learning", "--skill", "maven", "--learning", "-pl needs -am"),
                ctx.run("push", "error-solution", "--error", "initdb as root", "--solution", "unshare -U", "--context", "ci"),
                ctx.run("push", "task", "--task-id", "t-1", "--description", "ship", "--status", "blocked", "--outcome", "waiting",
                        "--tool-success-count", "3", "--user-corrections", "1"),
                ctx.run("push", "message", "--session", "s-1", "--role", "user", "--content", "héllo \"wörld\" \u0007"),
                ctx.run("push", "project-context", "--project", "ctx", "--title", "Layout", "--content", "modules"));
        assertThat(pushes).extracting(Ctx.Run::exit).containsOnly(0);
        Set<String> local = new HashSet<>(ctx.strings("sessions.db", "SELECT content_hash FROM sync_queue"));

        Ctx.Run sync = ctx.run("sync");

        assertThat(sync.exit()).as(sync.err()).isZero();
        assertThat(sync.err()).doesNotContain("warning");
        assertThat(new HashSet<>(server.contentHashes(alice.tenantId()))).isEqualTo(local).hasSize(6);
        for (String table : List.of("org.db:decisions", "org.db:learnings", "org.db:error_solutions",
                "sessions.db:task_events", "sessions.db:messages", "projects.db:project_context")) {
            String[] at = table.split(":");
            assertThat(ctx.count(at[0], "SELECT count(*) FROM " + at[1] + " WHERE cursor IS NOT NULL AND origin = 'local'"))
                    .as(table).isEqualTo(1);
        }
    }

    @Test
    void aRejectedTokenIsRenewedOnceWithTheStoredLicenseKeyAndARevokedKeyKeepsTheQueue() {
        TestTenant alice = server.tenants().create("alice");
        Ctx ctx = loggedIn(alice, "laptop");
        CredentialStore store = new CredentialStore(ctx.home().resolve("credentials.json"));
        Credentials stored = store.load().orElseThrow();
        store.save(stored.withToken("not-a-token", Instant.now().plusSeconds(600)));
        ctx.run("push", "learning", "--skill", "tokens", "--learning", "renew on 401");

        Ctx.Run renewed = ctx.run("sync");

        assertThat(renewed.exit()).as(renewed.err()).isZero();
        assertThat(store.load().orElseThrow().accessToken()).isNotEqualTo("not-a-token");
        assertThat(server.events(alice.tenantId())).hasSize(1);

        server.tenants().administration().revokeKey(alice.tenantId(), alice.keyId(), Instant.now());
        store.save(store.load().orElseThrow().withToken("not-a-token", Instant.now().plusSeconds(600)));
        ctx.run("push", "learning", "--skill", "tokens", "--learning", "revoked keys stop here");

        Ctx.Run refused = ctx.run("sync");

        assertThat(refused.exit()).isEqualTo(3);
        assertThat(refused.err()).contains("login refused: 401");
        assertThat(ctx.count("sessions.db", "SELECT count(*) FROM sync_queue WHERE state = 'pending'")).isEqualTo(1);
    }

    @Test
    void statusShowsTheQueueTheLastSyncTheCursorsAndTheServersLag() {
        TestTenant alice = server.tenants().create("alice");
        Ctx ctx = loggedIn(alice, "laptop");
        ctx.run("push", "decision", "--title", "status", "--decision", "shows lag");
        ctx.run("sync");
        ctx.run("push", "decision", "--title", "still", "--decision", "queued");

        Map<String, Object> status = ctx.run("status", "--json").json();

        assertThat(status.get("queue")).isEqualTo(Map.of("pending", 1L, "dead", 0L,
                "oldest_pending", ((Map<?, ?>) status.get("queue")).get("oldest_pending"),
                "next_attempt", ((Map<?, ?>) status.get("queue")).get("next_attempt")));
        assertThat((Map<String, Object>) status.get("last_sync")).containsEntry("outcome", "ok").containsEntry("sent", 1L);
        assertThat((Map<String, Object>) status.get("cursors")).containsKey("org.db");
        assertThat(((Map<String, Object>) status.get("cursors")).get("org.db")).isNotNull();
        Map<String, Object> serverView = (Map<String, Object>) status.get("server");
        assertThat(serverView).containsKeys("watermark", "projector_lag");
        assertThat(serverView.get("watermark")).isInstanceOf(Long.class);
        assertThat(ctx.run("status").out()).contains("Queue:     1 pending, 0 dead").contains("Last sync:");
    }

    @Test
    void aPullNeverDeletesLocalRowsTheServerHasNotShownYet() {
        TestTenant alice = server.tenants().create("alice");
        Ctx ctx = loggedIn(alice, "laptop");
        ctx.run("push", "decision", "--title", "sent", "--decision", "and confirmed");
        ctx.run("sync");
        ctx.run("push", "decision", "--title", "local", "--decision", "not sent yet");

        Ctx.Run pull = ctx.run("pull");

        assertThat(pull.exit()).as(pull.err()).isZero();
        assertThat(ctx.strings("org.db", "SELECT title || ':' || (cursor IS NOT NULL) FROM decisions ORDER BY id"))
                .containsExactly("sent:1", "local:0");
    }

    @Test
    void theHookWithSyncExitsAtOnceAndADetachedBackgroundSyncSendsTheTasks() throws Exception {
        TestTenant alice = server.tenants().create("alice");
        Ctx ctx = loggedIn(alice, "laptop");
        Process hook = ctx.ctxProcess("hook", "--sync").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try (java.io.OutputStream in = hook.getOutputStream()) {
            in.write(HookIT.recorded().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        assertThat(hook.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(hook.exitValue()).isZero();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(ctx.count("sessions.db", "SELECT count(*) FROM sync_queue")).as(() -> syncLog(ctx)).isZero());
        assertThat(server.events(alice.tenantId())).extracting(ContextEvent::getDeviceId).containsOnly("laptop").hasSize(3);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> java.nio.file.Files.exists(ctx.home().resolve("sync.log"))
                        && java.nio.file.Files.readString(ctx.home().resolve("sync.log")).contains("sent 3 (3 new)"));
    }

    @Test
    void aHomeBelongsToOneUserSoALoginAsSomeoneElseIsRefusedAndChangesNothing() {
        TestTenant alice = server.tenants().create("alice");
        TestTenant mallory = server.tenants().create("mallory");
        Ctx ctx = loggedIn(alice, "laptop");
        ctx.run("push", "learning", "--skill", "queues", "--learning", "belong to their user");

        Ctx.Run other = ctx.runWithInput(mallory.licenseKey() + "\n", "login", "--server", server.baseUrl());

        assertThat(other.exit()).isEqualTo(1);
        assertThat(other.err()).contains("holds the context of user alice").contains("use another CTX_HOME");
        assertThat(new CredentialStore(ctx.home().resolve("credentials.json")).load().orElseThrow().userId()).isEqualTo("alice");
        assertThat(ctx.runWithInput(alice.licenseKey() + "\n", "login", "--server", server.baseUrl(), "--device", "laptop2").exit())
                .isZero();
        assertThat(ctx.run("sync").exit()).isZero();
        assertThat(server.events(alice.tenantId())).hasSize(1);
        assertThat(server.events(mallory.tenantId())).isEmpty();
    }

    private static String syncLog(Ctx ctx) {
        try {
            Path log = ctx.home().resolve("sync.log");
            return java.nio.file.Files.exists(log) ? "sync.log: " + java.nio.file.Files.readString(log) : "no sync.log";
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
