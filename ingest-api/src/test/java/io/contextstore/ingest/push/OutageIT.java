package io.contextstore.ingest.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.ingest.IngestFixture;
import io.contextstore.testing.ApiClient;
import io.contextstore.testing.ApiClient.Response;
import io.contextstore.testing.Tenants.TestTenant;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Invariant I1 under outages: no 2xx unless the event is in Kafka; no index entry without the event. */
class OutageIT {

    private final IngestFixture ingest = IngestFixture.shared();
    private final ApiClient api = ingest.client();

    @Test
    void withTheBrokerStoppedAPushIs503AndLeavesNoIndexEntryThenSucceedsOnceWhenItIsBack() throws Exception {
        TestTenant tenant = ingest.tenants().create("alice");
        String token = api.login(tenant.licenseKey(), "laptop");
        String item = ApiClient.json(Map.of("kind", "decision", "title", "during outage", "decision", "retry it"));
        api.post("/api/v1/context/push", token, ApiClient.json(Map.of("kind", "decision", "title", "warm up",
                "decision", "metadata is cached")));

        ingest.infrastructure().stopBroker();
        Response during;
        try {
            long started = System.nanoTime();
            during = api.post("/api/v1/context/push", token, item);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
        } finally {
            ingest.infrastructure().startBroker();
        }

        assertThat(during.status()).isEqualTo(503);
        assertThat(during.header("Retry-After")).isNotBlank();
        assertThat(during.contentType()).startsWith("application/problem+json");
        assertThat(indexEntries(tenant.tenantId())).isEqualTo(1);

        Response after = Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> api.post("/api/v1/context/push", token, item), r -> r.status() != 503);
        assertThat(after.status()).isEqualTo(201);
        assertThat(after.json().get("status").stringValue()).isEqualTo("created");
        assertThat(api.post("/api/v1/context/push", token, item).json().get("status").stringValue()).isEqualTo("duplicate");
        assertThat(ingest.topic().eventsOf(tenant.tenantId())).hasSize(2);
        assertThat(indexEntries(tenant.tenantId())).isEqualTo(2);
    }

    @Test
    void withTheDatabaseStoppedAPushIs503AndNothingIsAcknowledged() {
        TestTenant tenant = ingest.tenants().create("alice");
        String token = api.login(tenant.licenseKey(), "laptop");
        String item = ApiClient.json(Map.of("kind", "decision", "title", "db outage", "decision", "d"));

        ingest.infrastructure().stopDatabase();
        Response during;
        try {
            during = api.post("/api/v1/context/push", token, item);
        } finally {
            ingest.infrastructure().startDatabase();
        }

        assertThat(during.status()).isEqualTo(503);
        assertThat(during.header("Retry-After")).isNotBlank();
        assertThat(ingest.topic().eventsOf(tenant.tenantId())).isEmpty();
        Response after = Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> api.post("/api/v1/context/push", token, item), r -> r.status() != 503);
        assertThat(after.status()).isEqualTo(201);
    }

    private long indexEntries(UUID tenantId) throws SQLException {
        try (Connection c = ingest.infrastructure().ownerConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement scope = c.prepareStatement("SELECT set_config('app.tenant_id', ?, true)")) {
                scope.setString(1, tenantId.toString());
                scope.execute();
            }
            try (PreparedStatement count = c.prepareStatement("SELECT count(*) FROM dedup_index");
                 ResultSet rs = count.executeQuery()) {
                rs.next();
                long n = rs.getLong(1);
                c.commit();
                return n;
            }
        }
    }
}
