package io.contextstore.examples.analyst;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.platform.db.ServiceRole;
import io.contextstore.stack.ContextStoreServices;
import io.contextstore.stack.ServicesSettings;
import io.contextstore.testing.ApiClient;
import io.contextstore.testing.Infrastructure;
import io.contextstore.testing.Tenants;
import io.contextstore.testing.Tenants.TestTenant;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.utils.Utils;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** An event pushed through the real ingest API, read raw from the topic and decoded by the example consumer. */
class AnalystConsumerIT {

    private static final int PARTITIONS = 12;
    private static final List<Path> SCHEMAS = List.of(Path.of("..", "..", "schemas", "avro", "src", "main", "avro"),
            Path.of("..", "..", "schemas", "avro", "released", "1"));
    private static Infrastructure infrastructure;
    private static ContextStoreServices services;
    private static Tenants tenants;

    @BeforeAll
    static void theServices() throws Exception {
        infrastructure = Infrastructure.shared();
        Map<ServiceRole, String> passwords = new EnumMap<>(ServiceRole.class);
        for (ServiceRole role : ServiceRole.values()) {
            passwords.put(role, Infrastructure.password(role));
        }
        services = ContextStoreServices.start(new ServicesSettings(infrastructure.kafkaBootstrapServers(),
                infrastructure.databaseUrl(), passwords, Files.createTempDirectory("analyst-keys-"), 0, PARTITIONS, Map.of()));
        tenants = new Tenants(infrastructure);
    }

    @AfterAll
    static void stop() {
        tenants.close();
        services.close();
    }

    @Test
    void anEventReadRawFromTheTopicAndDecodedWithTheAvscFilesAloneEqualsWhatWasPushed() {
        ApiClient api = new ApiClient(services.baseUrl());
        TestTenant alice = tenants.create("alice");
        String token = api.login(alice.licenseKey(), "laptop");
        Map<String, Object> pushed = Map.of("title", "Kafka is the system of record", "decision", "All writes are events",
                "rationale", "replayable \u00e9\u6f22\ud83d\ude00", "tags", List.of("architecture", "kafka"),
                "project_id", "ctx", "client_seq", 7, "occurred_at", "2026-11-24T08:00:00.250Z");
        JsonNode answer = api.post("/api/v1/context/decisions/", token, ApiClient.json(pushed)).json();
        long offset = answer.get("cursor").longValue() - 1;

        AnalystConsumer.Decoded record = readAt(alice.tenantId(), offset);

        GenericRecord event = record.event();
        assertThat(record.key()).isEqualTo(alice.tenantId().toString());
        assertThat(event.get("tenant_id").toString()).isEqualTo(alice.tenantId().toString());
        assertThat(event.get("event_id").toString()).isEqualTo(answer.get("id").stringValue());
        assertThat(event.get("content_hash").toString()).isEqualTo(answer.get("content_hash").stringValue());
        assertThat(event.get("user_id").toString()).isEqualTo("alice");
        assertThat(event.get("device_id").toString()).isEqualTo("laptop");
        assertThat(event.get("project_id").toString()).isEqualTo("ctx");
        assertThat(event.get("client_seq")).isEqualTo(7L);
        assertThat(event.get("occurred_at")).isEqualTo(Instant.parse("2026-11-24T08:00:00.250Z").toEpochMilli());
        GenericRecord payload = (GenericRecord) event.get("payload");
        assertThat(payload.getSchema().getFullName()).isEqualTo("io.contextstore.events.DecisionRecorded");
        assertThat(payload.get("title").toString()).isEqualTo(pushed.get("title"));
        assertThat(payload.get("decision").toString()).isEqualTo(pushed.get("decision"));
        assertThat(payload.get("rationale").toString()).isEqualTo(pushed.get("rationale"));
        List<String> tags = new ArrayList<>();
        ((List<?>) payload.get("tags")).forEach(tag -> tags.add(tag.toString()));
        assertThat(tags).isEqualTo(pushed.get("tags"));
        assertThat(record.headers()).containsEntry("ce_specversion", "1.0")
                .containsEntry("ce_id", answer.get("id").stringValue())
                .containsEntry("ce_type", "io.contextstore.DecisionRecorded")
                .containsEntry("ce_source", "/contextstore/tenants/" + alice.tenantId())
                .containsEntry("content-type", "application/avro");
        assertThat(record.fingerprint()).isEqualTo(SchemaNormalization.parsingFingerprint64(
                new EventDecoder(SCHEMAS).readerSchema()));
        assertThat(record.toJson()).contains("\"title\": \"Kafka is the system of record\"");
    }

    @Test
    void aValueThatIsNotSingleObjectEncodedIsRefusedWithTheReason() {
        byte[] json = "{\"title\": \"t\"}".getBytes(StandardCharsets.UTF_8);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EventDecoder.fingerprint(json))
                .hasMessageContaining("C3 01");
    }

    /** Kafka's default partitioner put the tenant's events on murmur2(key) modulo the partition count. */
    private static AnalystConsumer.Decoded readAt(UUID tenant, long offset) {
        int partition = Utils.toPositive(Utils.murmur2(tenant.toString().getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
        try (AnalystConsumer consumer = new AnalystConsumer(infrastructure.kafkaBootstrapServers(),
                "analysts.test-" + UUID.randomUUID(), new EventDecoder(SCHEMAS))) {
            consumer.assign(partition, offset);
            List<AnalystConsumer.Decoded> read = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                read.addAll(consumer.poll(Duration.ofMillis(200)));
                return !read.isEmpty();
            });
            assertThat(read.get(0).offset()).isEqualTo(offset);
            return read.get(0);
        }
    }
}
