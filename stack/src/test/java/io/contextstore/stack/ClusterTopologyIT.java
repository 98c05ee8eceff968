package io.contextstore.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.contextstore.platform.db.ServiceRole;
import io.contextstore.stack.cluster.ClusterProcess;
import io.contextstore.stack.cluster.ClusterTopology;
import io.contextstore.testing.ApiClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The production topology of {@code ./contextstore up --cluster} (ClusterTopology) end to end: three Kafka nodes,
 * a PostgreSQL primary and streaming replica, two of each service as their own JVMs with Compose's environment,
 * and haproxy in front. Clients use only the gateway's URL; query-b answers from the replica.
 */
class ClusterTopologyIT {

    @TempDir
    static Path directory;
    private static ClusterTopology cluster;
    private static ApiClient gateway;
    private static String token;

    @BeforeAll
    static void startTheCluster() {
        StackDirectory stack = new StackDirectory(directory);
        cluster = ClusterTopology.start(new ClusterTopology.Options(stack, 0, Map.of()));
        EmbeddedStack.Demo demo = EmbeddedStack.demoTenant(stack, cluster.databaseUrl(), stack.secrets().of(ServiceRole.ADMIN));
        gateway = new ApiClient(cluster.baseUrl());
        token = gateway.login(demo.licenseKey(), "laptop");
    }

    @AfterAll
    static void stopTheCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aPushThroughTheGatewayIsPulledWithWaitForFromTheReplicaBackedQueryApi() {
        long cursor = push("through haproxy " + UUID.randomUUID());
        ApiClient replicaBacked = new ApiClient("http://127.0.0.1:" + cluster.service("query-b").ports().api());

        JsonNode page = replicaBacked.get("/api/v1/context/pull?cursor=0&wait_for=" + cursor + "&timeout_ms=15000", token).json();

        assertThat(page.get("watermark").asLong()).isGreaterThanOrEqualTo(cursor);
        assertThat(StreamSupport.stream(page.get("events").spliterator(), false).map(e -> e.get("cursor").asLong()))
                .contains(cursor);
        assertThat(cluster.replicaLagBytes()).as("the replica streams from the primary").isNotNegative();
    }

    @Test
    void theGatewayRoutesOnlyTheApiAndActuatorIsNotReachableThroughIt() {
        assertThat(gateway.get("/actuator/health", null).status()).isEqualTo(404);
        assertThat(gateway.get("/.well-known/jwks.json", null).status()).isEqualTo(200);
        assertThat(gateway.get("/api/v1/context/status", token).status()).isEqualTo(200);
    }

    @Test
    void afterKillNineOfAnIngestInstanceTheGatewayAcknowledgesPushesThroughTheOtherAndTheKilledOneComesBack() {
        ClusterProcess ingest = cluster.service("ingest-a");
        ingest.kill();
        assertThat(ingest.isAlive()).isFalse();

        // as the local queue does: send again until a 2xx (haproxy takes the dead instance out after its checks fail)
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> tryPush("after the kill " + UUID.randomUUID()));
        ingest.start();
        cluster.awaitReady(ingest);
        assertThat(ingest.isAlive()).isTrue();
    }

    private static long push(String title) {
        ApiClient.Response response = gateway.post("/api/v1/context/decisions/", token,
                ApiClient.json(Map.of("title", title, "decision", title, "rationale", "cluster test")));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("cursor").asLong();
    }

    private static boolean tryPush(String title) {
        return gateway.post("/api/v1/context/decisions/", token,
                ApiClient.json(Map.of("title", title, "decision", title, "rationale", "cluster test"))).status() == 201;
    }
}
