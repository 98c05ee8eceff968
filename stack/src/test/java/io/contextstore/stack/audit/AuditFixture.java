package io.contextstore.stack.audit;

import io.contextstore.events.topic.Topics;
import io.contextstore.platform.db.Database;
import io.contextstore.platform.db.ServiceRole;
import io.contextstore.platform.tenancy.AuditGrants;
import io.contextstore.stack.RunningServices;
import io.contextstore.testing.ApiClient;
import io.contextstore.testing.Infrastructure;
import io.contextstore.testing.Tenants.TestTenant;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;

/** The running services, a tenant under audit, an auditor from another tenant holding a grant, and the audit command. */
final class AuditFixture {

    /** A tenant with two members, an in-house admin token that pulls everything, and an outside auditor granted to it. */
    record Audited(UUID tenantId, String alice, String bob, String inHouse, String auditorKey, AuditGrants.Auditor auditor) {
    }

    /** What a command printed and returned. */
    final RunningServices services = RunningServices.shared();
    final Infrastructure infrastructure = services.infrastructure();
    final ApiClient api = services.client();

    Audited auditedTenant() {
        TestTenant alice = services.tenants().create("alice");
        String bob = services.tenants().member(alice.tenantId(), "bob").licenseKey();
        String inHouse = services.tenants().issue(alice.tenantId(), "controller", "admin", null).key().value();
        UUID firm = services.tenants().administration().createTenant("audit-firm-" + UUID.randomUUID());
        String auditorKey = services.tenants().issue(firm, "carol", "auditor", null).key().value();
        AuditGrants.Auditor auditor = new AuditGrants.Auditor(firm, "carol");
        grants(grants -> grants.grant(alice.tenantId(), auditor, Instant.parse("2026-11-25T10:00:00Z")));
        return new Audited(alice.tenantId(), api.login(alice.licenseKey(), "laptop"), api.login(bob, "desktop"),
                api.login(inHouse, "office"), auditorKey, auditor);
    }

    void grants(java.util.function.Consumer<AuditGrants> work) {
        try (Database admin = Database.connect(infrastructure.settings(ServiceRole.ADMIN), "audit-test-admin")) {
            work.accept(new AuditGrants(admin));
        }
    }

    /** Pushes through the ingest API in batches of at most 1,000; the Kafka offset of each item (its cursor - 1). */
    List<Long> push(String token, List<Map<String, Object>> items) {
        List<Long> offsets = new ArrayList<>();
        for (int from = 0; from < items.size(); from += 1000) {
            List<Map<String, Object>> batch = items.subList(from, Math.min(items.size(), from + 1000));
            ApiClient.Response response = api.post("/api/v1/context/push", token, ApiClient.json(Map.of("items", batch)));
            if (response.status() != 200) {
                throw new IllegalStateException("push failed: " + response.status() + " " + response.body());
            }
            response.json().get("results").forEach(r -> offsets.add(r.get("cursor").longValue() - 1));
        }
        return offsets;
    }

    /** A message item with this content (a fresh message id, so each is new content). */
    static Map<String, Object> message(String content) {
        return Map.of("kind", "message", "message_id", UUID.randomUUID().toString(), "session_id", "s-1", "role", "user",
                "content", content);
    }

    static Map<String, Object> item(String kind, int i) {
        return switch (kind) {
            case "message" -> Map.of("kind", kind, "message_id", "m-" + i, "session_id", "s-" + (i % 7), "role", "user",
                    "content", "message " + i + " \u00e9\u6f22\ud83d\ude00");
            case "task" -> Map.of("kind", kind, "task_id", "t-" + (i % 13), "description", "task " + i, "status",
                    i % 2 == 0 ? "in_progress" : "completed", "tool_success_count", i % 5, "client_seq", i);
            case "decision" -> Map.of("kind", kind, "title", "decision " + i, "decision", "d" + i, "tags", List.of("x", "y" + i % 3),
                    "occurred_at", "2026-11-24T08:00:00.123Z");
            case "learning" -> Map.of("kind", kind, "skill", "s" + i, "learning", "l" + i, "project_id", "ctx");
            case "error_solution" -> Map.of("kind", kind, "error", "e" + i, "solution", "fix " + i, "context", "c");
            default -> Map.of("kind", "project_context", "project_id", "p" + i % 3, "title", "t" + i, "content", "c" + i);
        };
    }

    /** Copies a record of the tenant back onto the log, as a race between two ingest instances would. */
    long duplicateInTheLog(UUID tenant, long offset) {
        ConsumerRecord<byte[], byte[]> original = services.topic().eventsOf(tenant).stream()
                .filter(r -> r.offset() == offset).findFirst().orElseThrow();
        List<Header> headers = new ArrayList<>();
        original.headers().forEach(headers::add);
        return produce(original.key(), original.value(), headers);
    }

    long produce(byte[] key, byte[] value, List<Header> headers) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                infrastructure.kafkaBootstrapServers(), "acks", "all", "enable.idempotence", true),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            return producer.send(new ProducerRecord<>(Topics.CONTEXT_EVENTS.name(), null, key, value, headers)).get().offset();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    void awaitProjected(String token, long offset) {
        Awaitility.await().atMost(Duration.ofSeconds(120)).until(() ->
                api.get("/api/v1/context/pull?limit=1&cursor=" + offset, token).json().get("watermark").longValue() > offset);
    }

    /** Every event the token may pull, paging until has_more is false. */
    List<JsonNode> pullAll(String token) {
        List<JsonNode> events = new ArrayList<>();
        long cursor = 0;
        while (true) {
            JsonNode page = api.get("/api/v1/context/pull?limit=1000&cursor=" + cursor, token).json();
            page.get("events").forEach(events::add);
            cursor = page.get("next_cursor").longValue();
            if (!page.get("has_more").booleanValue()) {
                return events;
            }
        }
    }

    /** Runs one statement as the table owner in the tenant's scope (row-level security binds the owner too); it must change one row. */
    void asOwner(UUID tenant, String sql) {
        try (Connection owner = infrastructure.ownerConnection()) {
            owner.setAutoCommit(false);
            try (PreparedStatement scope = owner.prepareStatement("SELECT set_config('app.tenant_id', ?, true)")) {
                scope.setString(1, tenant.toString());
                scope.execute();
            }
            try (PreparedStatement tamper = owner.prepareStatement(sql)) {
                if (tamper.executeUpdate() != 1) {
                    throw new IllegalStateException("expected one row changed by " + sql);
                }
            }
            owner.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code audit <args>} against the test's services, broker and database. */
    AuditRuns.Run audit(String... args) {
        return AuditRuns.run(api.baseUrl(), infrastructure.kafkaBootstrapServers(), infrastructure, services.masterKeyFile(), args);
    }

}
