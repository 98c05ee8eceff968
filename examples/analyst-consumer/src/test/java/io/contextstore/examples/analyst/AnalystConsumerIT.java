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
    /** Every released version, oldest first, as cut-release writes them: a new release needs no line here. */
    private static final List<Path> RELEASES = releases(Path.of("..", "..", "schemas", "avro", "released"));
    private static final Path RELEASE_1 = RELEASES.get(0);
    private static final List<Path> SCHEMAS = java.util.stream.Stream.concat(
            java.util.stream.Stream.of(Path.of("..", "..", "schemas", "avro", "src", "main", "avro")), RELEASES.stream()).toList();
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

    /** The services seal text and tags (ADR 33): an analyst decodes everything else, and sees the text as opaque bytes. */
    @Test
    void anEventReadRawFromTheTopicAndDecodedWithTheAvscFilesAloneShowsWhatWasPushedWithItsTextSealed() {
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
        assertThat(event.get("content_hash").toString()).as("keyed by the tenant's key, not the plain hash")
                .matches("[0-9a-f]{64}").isNotEqualTo(answer.get("content_hash").stringValue());
        assertThat(event.get("user_id").toString()).isEqualTo("alice");
        assertThat(event.get("device_id").toString()).isEqualTo("laptop");
        assertThat(event.get("project_id").toString()).isEqualTo("ctx");
        assertThat(event.get("client_seq")).isEqualTo(7L);
        assertThat(event.get("occurred_at")).isEqualTo(Instant.parse("2026-11-24T08:00:00.250Z").toEpochMilli());
        GenericRecord payload = (GenericRecord) event.get("payload");
        assertThat(payload.getSchema().getFullName()).isEqualTo("io.contextstore.events.DecisionRecorded");
        assertThat(payload.get("title").toString()).isEmpty();
        assertThat(payload.get("decision").toString()).isEmpty();
        assertThat(payload.get("rationale")).isNull();
        assertThat((List<?>) payload.get("tags")).isEmpty();
        assertThat(((java.nio.ByteBuffer) event.get("sealed")).remaining()).isGreaterThan(1 + 16 + 12 + 16);
        assertThat(record.headers()).containsEntry("ce_specversion", "1.0")
                .containsEntry("ce_id", answer.get("id").stringValue())
                .containsEntry("ce_type", "io.contextstore.DecisionRecorded")
                .containsEntry("ce_source", "/contextstore/tenants/" + alice.tenantId())
                .containsEntry("content-type", "application/avro");
        assertThat(record.fingerprint()).isEqualTo(SchemaNormalization.parsingFingerprint64(
                new EventDecoder(SCHEMAS).readerSchema()));
        assertThat(record.toJson()).contains("\"title\": \"\"").doesNotContain("Kafka is the system of record")
                .doesNotContain("architecture");
    }

    @Test
    void aLogMixingReleasesDecodesWholeAndAReaderOfAnOlderReleaseSkipsOnlyTheKindsItDoesNotKnow() throws Exception {
        ApiClient api = new ApiClient(services.baseUrl());
        TestTenant alice = tenants.create("alice");
        String token = api.login(alice.licenseKey(), "laptop");
        long releaseOne = produceWithReleaseOne(alice.tenantId());
        JsonNode pushed = api.post("/api/v1/context/decisions/", token, ApiClient.json(Map.of("title", "release 2",
                "decision", "d"))).json();
        long decision = pushed.get("cursor").longValue() - 1;
        long tools = api.post("/api/v1/context/tool-analytics/", token, ApiClient.json(Map.of("session_id", "s1",
                "tool_name", "Bash", "calls", 2))).json().get("cursor").longValue() - 1;
        // release 5 (ADR 39): a new version of the decision, then its retraction
        String item = pushed.get("id").stringValue();
        long superseding = api.post("/api/v1/context/decisions/", token, ApiClient.json(Map.of("title", "release 5",
                "decision", "d2", "supersedes", Map.of("id", item, "versions", List.of(decision + 1))))).json()
                .get("cursor").longValue() - 1;
        long retraction = api.post("/api/v1/context/retractions/", token, ApiClient.json(Map.of("reason", "wrong",
                "supersedes", Map.of("id", item, "versions", List.of(superseding + 1))))).json().get("cursor").longValue() - 1;

        List<AnalystConsumer.Decoded> current = read(alice.tenantId(), releaseOne, 5, new EventDecoder(SCHEMAS));
        List<AnalystConsumer.Decoded> older = read(alice.tenantId(), releaseOne, 5,
                new EventDecoder(RELEASES));

        assertThat(current).extracting(AnalystConsumer.Decoded::offset)
                .containsExactly(releaseOne, decision, tools, superseding, retraction);
        assertThat(current).extracting(d -> ((GenericRecord) d.event().get("payload")).getSchema().getName())
                .containsExactly("DecisionRecorded", "DecisionRecorded", "ToolUsageRecorded", "DecisionRecorded", "ItemRetracted");
        assertThat(((GenericRecord) current.get(3).event().get("supersedes")).get("item_id").toString()).isEqualTo(item);
        assertThat(((GenericRecord) current.get(4).event().get("supersedes")).get("versions"))
                .isEqualTo(List.of(superseding + 1));
        assertThat(current.get(0).fingerprint()).isNotEqualTo(current.get(1).fingerprint());
        assertThat(older.get(0).event()).isNotNull();
        assertThat(((GenericRecord) older.get(1).event().get("payload")).getSchema().getName()).isEqualTo("DecisionRecorded");
        assertThat(older.get(2).event()).as("a kind release 1 does not have is skipped by its ce_type").isNull();
        assertThat(older.get(2).toJson()).contains("\"skipped\"");
        assertThat(((GenericRecord) older.get(3).event().get("payload")).getSchema().getName())
                .as("a new version is a record of a kind release 1 knows; its edit is a field release 1 drops")
                .isEqualTo("DecisionRecorded");
        assertThat(older.get(3).event().getSchema().getField("supersedes")).isNull();
        assertThat(older.get(4).event()).as("the retraction kind is skipped by its ce_type").isNull();
    }

    /** A decision as a release-1 ingest wrote it: encoded with release 1's envelope (its fingerprint) and headers. */
    private static long produceWithReleaseOne(UUID tenant) throws Exception {
        org.apache.avro.Schema envelope = EventDecoder.envelope(RELEASE_1);
        GenericRecord payload = new org.apache.avro.generic.GenericData.Record(
                envelope.getField("payload").schema().getTypes().stream()
                        .filter(t -> t.getName().equals("DecisionRecorded")).findFirst().orElseThrow());
        payload.put("title", "release 1");
        payload.put("decision", "d");
        payload.put("tags", List.of());
        GenericRecord event = new org.apache.avro.generic.GenericData.Record(envelope);
        event.put("event_id", UUID.randomUUID().toString());
        event.put("tenant_id", tenant.toString());
        event.put("user_id", "alice");
        event.put("device_id", "laptop");
        event.put("content_hash", "0".repeat(64));
        event.put("occurred_at", 0L);
        event.put("received_at", 0L);
        event.put("payload", payload);
        byte[] value = new org.apache.avro.message.BinaryMessageEncoder<GenericRecord>(
                org.apache.avro.generic.GenericData.get(), envelope).encode(event).array();
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<>(Map.<String, Object>of("bootstrap.servers",
                infrastructure.kafkaBootstrapServers()), new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            var record = new org.apache.kafka.clients.producer.ProducerRecord<>(AnalystConsumer.TOPIC, tenant.toString(), value);
            record.headers().add("ce_type", "io.contextstore.DecisionRecorded".getBytes(StandardCharsets.UTF_8));
            return producer.send(record).get().offset();
        }
    }

    private static List<Path> releases(Path released) {
        try (java.util.stream.Stream<Path> versions = java.nio.file.Files.list(released)) {
            return versions.filter(java.nio.file.Files::isDirectory).filter(dir -> dir.getFileName().toString().matches("\\d+"))
                    .sorted(java.util.Comparator.comparingInt(dir -> Integer.parseInt(dir.getFileName().toString()))).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<AnalystConsumer.Decoded> read(UUID tenant, long from, int count, EventDecoder decoder) {
        int partition = Utils.toPositive(Utils.murmur2(tenant.toString().getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
        try (AnalystConsumer consumer = new AnalystConsumer(infrastructure.kafkaBootstrapServers(),
                "analysts.test-" + UUID.randomUUID(), decoder)) {
            consumer.assign(partition, from);
            List<AnalystConsumer.Decoded> read = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).stream().filter(d -> d.key().equals(tenant.toString())).forEach(read::add);
                return read.size() >= count;
            });
            return read;
        }
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
