package io.contextstore.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.contextstore.embedded.KafkaBroker;
import io.contextstore.embedded.PostgresReplica;
import io.contextstore.embedded.PostgresServer;
import io.contextstore.query.live.Admission;
import io.contextstore.testing.ApiClient;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The query API reading from a real streaming replica (made by {@link PostgresReplica}) while the projector writes
 * to the primary: {@code wait_for} still gives read-your-writes, and no answer claims a watermark the replica has not
 * replayed, also while its replay is paused ({@code pg_wal_replay_pause()}). Pulls, lists, status and search all read
 * the replica; the commit signals come from the primary.
 */
class ReplicaReadsIT {

    @TempDir
    static Path directory;
    private static PostgresServer primary;
    private static PostgresServer replica;
    private static KafkaBroker broker;
    private static ContextStoreServices services;
    private static ApiClient api;
    private static String token;

    @BeforeAll
    static void startPrimaryReplicaBrokerAndServices() {
        StackDirectory stack = new StackDirectory(directory);
        primary = PostgresServer.start(stack.postgres(), 0);
        String databaseUrl = EmbeddedStack.prepareDatabase(primary, stack.secrets());
        replica = PostgresReplica.start(primary, directory.resolve("replica").resolve("data"), 0, "replica_reads_it");
        broker = KafkaBroker.start(stack.kafka(), 0);
        services = ContextStoreServices.start(new ServicesSettings(broker.bootstrapServers(), databaseUrl,
                stack.secrets().services(), stack.keys(), 0, 12,
                Map.of("contextstore.query.replica-url", replica.jdbcUrl(EmbeddedStack.DATABASE))));
        EmbeddedStack.Demo demo = EmbeddedStack.demoTenant(stack, databaseUrl,
                stack.secrets().of(io.contextstore.platform.db.ServiceRole.ADMIN));
        api = new ApiClient(services.baseUrl());
        token = api.login(demo.licenseKey(), "laptop");
    }

    @AfterAll
    static void stopEverything() {
        if (services != null) {
            services.close();
        }
        if (broker != null) {
            broker.close();
        }
        if (replica != null) {
            replica.close();
        }
        if (primary != null) {
            primary.close();
        }
    }

    @Test
    void aPullWaitingForAPushsCursorReturnsThePushFromTheReplica() {
        long cursor = push("read your writes through the replica");

        JsonNode page = api.get("/api/v1/context/pull?cursor=0&wait_for=" + cursor + "&timeout_ms=10000", token).json();

        assertThat(page.get("watermark").asLong()).isGreaterThanOrEqualTo(cursor);
        assertThat(cursors(page.get("events"))).contains(cursor);
    }

    @Test
    void whileTheReplicaDoesNotReplayAPullWaitsItsTimeoutAndClaimsNothingItHasNotReplayedThenReturnsThePush() throws Exception {
        onReplica("SELECT pg_wal_replay_pause()");
        try {
            long before = push("replayed before the pause? not yet: " + UUID.randomUUID());
            await().atMost(Duration.ofSeconds(30)).until(() -> projectedOnPrimary() >= before);

            // a pull waiting past everything pushed so far, woken (on the primary) by the next push's commit
            long started = System.nanoTime();
            CompletableFuture<JsonNode> early = waitingPull(before + 1, 4000);
            await().atMost(Duration.ofSeconds(10)).until(() -> waits() == 1);
            String title = "written while the replica stood still " + UUID.randomUUID();
            long cursor = push(title);
            await().atMost(Duration.ofSeconds(30)).until(() -> projectedOnPrimary() >= cursor);
            JsonNode waited = early.get();
            long waitedMillis = (System.nanoTime() - started) / 1_000_000;

            assertThat(waitedMillis).as("the primary's commit signal must not end the wait").isGreaterThanOrEqualTo(3900);
            assertThat(waited.get("watermark").asLong()).isLessThan(cursor).isLessThan(before + 1);
            assertThat(cursors(waited.get("events"))).doesNotContain(before, cursor);
            assertThat(api.get("/api/v1/context/status", token).json().get("watermark").asLong()).isLessThan(cursor);
            assertThat(api.get("/api/v1/context/decisions/", token).body()).doesNotContain(title);

            CompletableFuture<JsonNode> waiting = waitingPull(cursor, 20_000);
            await().atMost(Duration.ofSeconds(10)).until(() -> waits() == 1);
            onReplica("SELECT pg_wal_replay_resume()");
            long resumed = System.nanoTime();
            JsonNode page = waiting.get();

            assertThat((System.nanoTime() - resumed) / 1_000_000).as("woken by the replay, not by its deadline").isLessThan(10_000);
            assertThat(page.get("watermark").asLong()).isGreaterThanOrEqualTo(cursor);
            assertThat(cursors(page.get("events"))).contains(before, cursor);
            assertThat(api.get("/api/v1/context/status", token).json().get("watermark").asLong()).isGreaterThanOrEqualTo(cursor);
            assertThat(api.get("/api/v1/context/decisions/", token).body()).contains(title);
            assertThat(api.get("/api/v1/context/search?q=stood&wait_for=" + cursor, token).body()).contains(title);
        } finally {
            onReplica("SELECT pg_wal_replay_resume()");
        }
    }

    private static CompletableFuture<JsonNode> waitingPull(long waitFor, long timeoutMillis) {
        return CompletableFuture.supplyAsync(() -> api.get("/api/v1/context/pull?cursor=0&wait_for=" + waitFor
                + "&timeout_ms=" + timeoutMillis, token).json());
    }

    /** Pulls waiting in the query API now. */
    private static int waits() {
        return services.context().getBean(Admission.class).held(Admission.Hold.WAIT);
    }

    private static long push(String title) {
        ApiClient.Response response = api.post("/api/v1/context/decisions/", token,
                ApiClient.json(Map.of("title", title, "decision", title, "rationale", "replica test")));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("cursor").asLong();
    }

    private static java.util.List<Long> cursors(JsonNode events) {
        return StreamSupport.stream(events.spliterator(), false).map(event -> event.get("cursor").asLong()).toList();
    }

    private static void onReplica(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(replica.jdbcUrl("postgres"), PostgresServer.SUPERUSER, "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The highest next offset the projector has committed on the primary (the superuser sees past RLS). */
    private static long projectedOnPrimary() throws SQLException {
        try (Connection connection = DriverManager.getConnection(primary.jdbcUrl(EmbeddedStack.DATABASE),
                PostgresServer.SUPERUSER, "");
             Statement statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT coalesce(max(next_offset), 0) FROM projector_offsets")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
