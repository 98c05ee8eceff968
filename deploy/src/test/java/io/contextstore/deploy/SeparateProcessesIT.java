package io.contextstore.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.contextstore.platform.db.ServiceRole;
import io.contextstore.stack.cluster.Deployable;
import io.contextstore.testing.ApiClient;
import io.contextstore.testing.Infrastructure;
import io.contextstore.testing.Tenants;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The production topology on this machine: ingest API, projector and query API each in its own JVM,
 * started from its container layout with the environment docker-compose.yml gives it, against a real
 * broker and database. A client logs in and pushes through the ingest process and pulls from the
 * query process, which verifies the token with the ingest API's public keys alone; the projector
 * process moves the event between them.
 */
class SeparateProcessesIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String REQUEST_ID = "it-request-" + UUID.randomUUID();
    private static final String PAYLOAD_MARKER = "payload-marker-" + UUID.randomUUID();

    private static Topology topology;
    private static Tenants tenants;
    private static Flow flow;

    /** What the client did, once, for every test to look at. */
    private record Flow(Tenants.TestTenant tenant, String token, ApiClient.Response login, ApiClient.Response created,
                        ApiClient.Response duplicate, ApiClient.Response pull) {
    }

    @BeforeAll
    static void startTheServices() throws IOException {
        Infrastructure infrastructure = Infrastructure.shared();
        tenants = new Tenants(infrastructure);
        topology = new Topology(infrastructure, Files.createTempDirectory(Path.of("target").toAbsolutePath(), "topology-"));
        topology.start();
        for (Deployable service : Deployable.values()) {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                assertThat(topology.process(service).isAlive()).as("%s is running; output: %s", service,
                        topology.process(service).output()).isTrue();
                assertThat(readiness(service)).isEqualTo(200);
            });
        }
    }

    @AfterAll
    static void stopTheServices() {
        if (topology != null) {
            topology.close();
        }
        if (tenants != null) {
            tenants.close();
        }
    }

    @Test
    void aPushToTheIngestProcessIsPulledFromTheQueryProcessAfterTheProjectorProcessAppliedIt() {
        Flow flow = flow();
        assertThat(flow.created().status()).isEqualTo(201);
        assertThat(flow.duplicate().json().get("status").stringValue()).isEqualTo("duplicate");
        assertThat(flow.pull().status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        flow.pull().json().get("events").forEach(event -> ids.add(event.get("id").stringValue()));
        assertThat(ids).containsExactly(flow.created().json().get("id").stringValue());
        assertThat(flow.created().header("X-Request-Id")).isEqualTo(REQUEST_ID);
    }

    @Test
    void eachProcessIsReadyAndLiveOnItsManagementPortAndKeepsActuatorOffItsApiPort() {
        for (Deployable service : Deployable.values()) {
            JsonNode readiness = JSON.readTree(ServiceProcess.get(topology.managementUrl(service)
                    + "/actuator/health/readiness").body());
            assertThat(readiness.get("status").stringValue()).isEqualTo("UP");
            assertThat(readiness.get("components").propertyNames()).contains("database", "kafka");
            assertThat(ServiceProcess.get(topology.managementUrl(service) + "/actuator/health/liveness").statusCode())
                    .isEqualTo(200);
            assertThat(ServiceProcess.get(topology.managementUrl(service) + "/actuator/env").statusCode()).isEqualTo(404);
            assertThat(ServiceProcess.get(topology.baseUrl(service) + "/actuator/health").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void everyServiceExposesItsMetricsToPrometheus() {
        flow();
        Prometheus ingest = prometheus(Deployable.INGEST);
        assertThat(ingest.value("contextstore_ingest_pushes_total", "status=\"created\"")).isGreaterThanOrEqualTo(1);
        assertThat(ingest.value("contextstore_ingest_pushes_total", "status=\"duplicate\"")).isGreaterThanOrEqualTo(1);
        assertThat(ingest.value("contextstore_ingest_pushes_total", "status=\"rejected\"")).isGreaterThanOrEqualTo(1);
        assertThat(ingest.value("contextstore_ingest_pushes_total", "status=\"unavailable\"")).isZero();
        assertThat(ingest.value("contextstore_ingest_dedup_hits_total", "")).isGreaterThanOrEqualTo(1);
        assertThat(ingest.value("contextstore_ingest_produce_seconds_count", "")).isGreaterThanOrEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Prometheus projector = prometheus(Deployable.PROJECTOR);
            assertThat(projector.value("contextstore_projector_records_total", "")).isGreaterThanOrEqualTo(1);
            assertThat(projector.value("contextstore_projector_lag", "partition=")).isZero();
            assertThat(projector.value("contextstore_projector_batch_tenants_count", "")).isGreaterThanOrEqualTo(1);
            assertThat(projector.text()).contains("contextstore_projector_dead_lettered_total");
        });
        assertThat(prometheus(Deployable.QUERY).value("http_server_requests_seconds_count", "uri=\"/api/v1/context/pull\""))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void logsAreJsonLinesCarryingRequestAndTenantIdsAndNeverSecretsTokensOrPayloads() throws IOException {
        Flow flow = flow();
        String privateKey = Files.readString(Files.list(topology.keyDirectory()).findFirst().orElseThrow())
                .split("-----")[2].trim();
        List<String> secrets = List.of(Infrastructure.password(ServiceRole.INGEST),
                Infrastructure.password(ServiceRole.PROJECTOR), Infrastructure.password(ServiceRole.QUERY),
                flow.tenant().licenseKey(), flow.token(), privateKey.substring(0, 24), PAYLOAD_MARKER);
        boolean pushLogged = false;
        for (Deployable service : Deployable.values()) {
            ServiceProcess process = topology.process(service);
            for (String secret : secrets) {
                assertThat(process.output()).as("%s's output", service).doesNotContain(secret);
            }
            List<String> lines = process.log().lines().filter(line -> !line.isBlank()).toList();
            assertThat(lines).as("%s logged", service).isNotEmpty();
            for (String line : lines) {
                JsonNode entry = JSON.readTree(line);
                assertThat(entry.has("@timestamp") && entry.has("message")).as("an ECS line: %s", line).isTrue();
                if (REQUEST_ID.equals(entry.path("request_id").asString(null))
                        && entry.get("message").stringValue().startsWith("POST /api/v1/context/decisions")) {
                    assertThat(entry.path("tenant_id").asString(null)).isEqualTo(flow.tenant().tenantId().toString());
                    pushLogged = true;
                }
            }
        }
        assertThat(pushLogged).as("the push's access line names its request and tenant").isTrue();
    }

    private static synchronized Flow flow() {
        if (flow == null) {
            Tenants.TestTenant tenant = tenants.create("alice");
            ApiClient ingest = new ApiClient(topology.baseUrl(Deployable.INGEST));
            ApiClient query = new ApiClient(topology.baseUrl(Deployable.QUERY));
            ApiClient.Response login = ingest.post("/api/v1/auth/license/", null,
                    ApiClient.json(Map.of("license_key", tenant.licenseKey(), "device_id", "laptop")));
            String token = login.json().get("access_token").stringValue();
            String decision = ApiClient.json(Map.of("title", "Separate processes", "decision", PAYLOAD_MARKER));
            ApiClient.Response created = postWithRequestId(topology.baseUrl(Deployable.INGEST) + "/api/v1/context/decisions/",
                    token, decision);
            ApiClient.Response duplicate = ingest.post("/api/v1/context/decisions/", token, decision);
            ApiClient.Response rejected = ingest.post("/api/v1/context/decisions/", token,
                    ApiClient.json(Map.of("title", "no decision")));
            assertThat(rejected.status()).isEqualTo(400);
            long cursor = created.json().get("cursor").longValue();
            ApiClient.Response pull = query.get("/api/v1/context/pull?wait_for=" + cursor + "&timeout_ms=30000", token);
            flow = new Flow(tenant, token, login, created, duplicate, pull);
        }
        return flow;
    }

    private static ApiClient.Response postWithRequestId(String url, String token, String body) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .header("X-Request-Id", REQUEST_ID).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new ApiClient.Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int readiness(Deployable service) {
        try {
            return ServiceProcess.get(topology.managementUrl(service) + "/actuator/health/readiness").statusCode();
        } catch (RuntimeException notYetListening) {
            return -1;
        }
    }

    private static Prometheus prometheus(Deployable service) {
        return new Prometheus(ServiceProcess.get(topology.managementUrl(service) + "/actuator/prometheus").body());
    }
}
