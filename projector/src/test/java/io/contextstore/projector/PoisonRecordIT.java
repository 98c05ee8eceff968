package io.contextstore.projector;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.events.CloudEventHeaders;
import io.contextstore.events.ContentHash;
import io.contextstore.events.ContextEvent;
import io.contextstore.events.DecisionRecorded;
import io.contextstore.events.Scope;
import io.contextstore.events.topic.DeadLetterHeaders;
import io.contextstore.events.topic.Topics;
import io.contextstore.testing.TopicReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** A record the projector cannot apply goes to the DLQ and the failure table; the partition moves on. */
class PoisonRecordIT {

    private static final ProjectorFixture fixture = new ProjectorFixture();
    private static ConfigurableApplicationContext projector;

    @BeforeAll
    static void start() {
        projector = fixture.startInProcess();
    }

    @AfterAll
    static void stop() {
        projector.close();
    }

    @Test
    void poisonRecordsAreDeadLetteredAndRecordedAndLaterEventsAreStillProjected() throws Exception {
        UUID tenant = UUID.randomUUID();
        byte[] key = tenant.toString().getBytes(StandardCharsets.UTF_8);
        long before = fixture.publish(ProjectorFixture.decision(tenant, "before"));
        long garbage = fixture.publishRaw(key, "{\"not\": \"avro\"}".getBytes(StandardCharsets.UTF_8));
        long wrongKey = fixture.publishRaw(key, Topics.CONTEXT_EVENTS.value().encode(
                ProjectorFixture.decision(UUID.randomUUID(), "someone else's")));
        long notAUuid = fixture.publishRaw(key, withEventIdThatIsNoUuid(ProjectorFixture.decision(tenant, "no uuid")));
        // decode, but the audit chain cannot take their hash, their sealed fields name no key, or their scope no level
        long notAHash = fixture.publish(ProjectorFixture.event(tenant, "z".repeat(64), new DecisionRecorded("no hash", "d",
                null, List.of())));
        ContextEvent unsealable = ProjectorFixture.decision(tenant, "no key id");
        unsealable.setSealed(ByteBuffer.wrap(new byte[] {9, 9, 9}));
        long noKeyId = fixture.publish(unsealable);
        ContextEvent unscoped = ProjectorFixture.decision(tenant, "no scope");
        unscoped.setScope(Scope.newBuilder().setLevel("galaxy").setProjectId(null).build());
        long noScope = fixture.publish(unscoped);
        String nulHash = ContentHash.of(Map.of("nul", true));
        long refusedByDatabase = fixture.publish(ProjectorFixture.event(tenant, nulHash,
                new DecisionRecorded("nul \u0000 inside", "d", null, List.of())));
        long after = fixture.publish(ProjectorFixture.decision(tenant, "after"));

        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                fixture.count(tenant, "SELECT count(*) FROM context_events") == 2 && failures(tenant, List.of(garbage,
                        wrongKey, notAUuid, notAHash, noKeyId, noScope, refusedByDatabase)).size() == 7);

        assertThat(fixture.count(tenant, "SELECT count(*) FROM decisions WHERE title IN ('before', 'after')")).isEqualTo(2);
        assertThat(fixture.count(tenant, "SELECT max(kafka_offset) FROM context_events")).isEqualTo(after);
        List<String> reasons = failures(tenant, List.of(garbage, wrongKey, notAUuid, notAHash, noKeyId, noScope,
                refusedByDatabase));
        assertThat(reasons.get(0)).contains("not a single-object encoded ContextEvent");
        assertThat(reasons.get(1)).contains("is not the event's tenant_id");
        assertThat(reasons.get(2)).contains("not a single-object encoded ContextEvent");
        assertThat(reasons.get(3)).contains("content_hash is not 64 hex digits");
        assertThat(reasons.get(4)).contains("sealed fields name no key");
        assertThat(reasons.get(5)).contains("scope is none the projector knows");
        assertThat(reasons.get(6)).contains("read model refuses");
        List<ConsumerRecord<byte[], byte[]>> dead = deadLettersOf(key);
        assertThat(dead).extracting(r -> header(r, DeadLetterHeaders.ORIGINAL_OFFSET))
                .contains(Long.toString(garbage), Long.toString(wrongKey), Long.toString(notAUuid),
                        Long.toString(notAHash), Long.toString(noKeyId), Long.toString(noScope),
                        Long.toString(refusedByDatabase))
                .doesNotContain(Long.toString(before), Long.toString(after));
        assertThat(dead).allMatch(r -> header(r, DeadLetterHeaders.REASON) != null);
        ConsumerRecord<byte[], byte[]> copy = dead.stream()
                .filter(r -> header(r, DeadLetterHeaders.ORIGINAL_OFFSET).equals(Long.toString(garbage))).findFirst().orElseThrow();
        assertThat(new String(copy.value(), StandardCharsets.UTF_8)).isEqualTo("{\"not\": \"avro\"}");
        assertThat(CloudEventHeaders.read(dead.get(dead.size() - 1).headers())).containsKey(DeadLetterHeaders.ORIGINAL_TOPIC);
    }

    /**
     * The event's Avro bytes with its event_id's text no longer a UUID (same length, so the record's framing holds): the
     * schema's uuid logical type refuses it while decoding (with an IllegalArgumentException, not one of Avro's own
     * exceptions), and the partition moves on past it instead of retrying it for ever.
     */
    private static byte[] withEventIdThatIsNoUuid(ContextEvent event) {
        byte[] bytes = Topics.CONTEXT_EVENTS.value().encode(event);
        byte[] id = event.getEventId().toString().getBytes(StandardCharsets.UTF_8);
        for (int at = 0; at + id.length <= bytes.length; at++) {
            if (java.util.Arrays.equals(bytes, at, at + id.length, id, 0, id.length)) {
                bytes[at] = 'z';
                return bytes;
            }
        }
        throw new IllegalStateException("the event_id is not in the record's bytes");
    }

    /**
     * The failures recorded for these offsets of the tenant's partition. Other classes share the broker and the
     * database and dead-letter records of their own: matching the offset alone once found theirs at the same offset
     * of another partition, and the count never reached three.
     */
    private static List<String> failures(UUID tenant, List<Long> offsets) throws Exception {
        List<String> reasons = new ArrayList<>();
        try (Connection c = fixture.infrastructure.ownerConnection()) {
            for (long offset : offsets) {
                try (PreparedStatement s = c.prepareStatement(
                        "SELECT reason FROM projection_failures WHERE topic = 'context.events' AND kafka_offset = ?"
                                + " AND record_key = ?")) {
                    s.setLong(1, offset);
                    s.setString(2, tenant.toString());
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            reasons.add(rs.getString(1));
                        }
                    }
                }
            }
        }
        return reasons;
    }

    private static List<ConsumerRecord<byte[], byte[]>> deadLettersOf(byte[] key) {
        return new TopicReader(fixture.infrastructure.kafkaBootstrapServers()).readAll(Topics.CONTEXT_EVENTS_DLQ.name())
                .stream().filter(r -> java.util.Arrays.equals(r.key(), key)).toList();
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
