package io.contextstore.projector;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.events.CloudEventHeaders;
import io.contextstore.events.ContentHash;
import io.contextstore.events.ContextEvent;
import io.contextstore.events.MessagePushed;
import io.contextstore.events.SubjectErased;
import io.contextstore.events.topic.Topics;
import io.contextstore.platform.crypto.CryptoRandom;
import io.contextstore.platform.crypto.EventSealing;
import io.contextstore.platform.crypto.MasterKeyRing;
import io.contextstore.platform.crypto.SubjectKey;
import io.contextstore.platform.crypto.SubjectKeys;
import io.contextstore.platform.db.Database;
import io.contextstore.platform.db.ServiceRole;
import io.contextstore.platform.stats.SyncCounts;
import io.contextstore.testing.Tenants;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An erasure interrupted by a crash (ADR 33): the projector's process is frozen (SIGSTOP), the user's key is
 * destroyed and the erasure appended, then the process is killed (SIGKILL) before it deleted a row. The
 * next projector run deletes them, leaves the other user's rows, and keeps the audit chain's length.
 */
class ErasureCrashIT {

    private static final int MESSAGES = 300;

    private final ProjectorFixture fixture = new ProjectorFixture();

    @TempDir
    Path temp;

    @Test
    void aProjectorKilledAfterTheKeyWasDestroyedAndBeforeTheRowsWereDeletedDeletesThemOnItsNextRun() throws Exception {
        Path masterKeys = MasterKeyRing.generateIfMissing(temp.resolve("master-keys"), CryptoRandom.keys());
        SubjectKeys keys = new SubjectKeys(MasterKeyRing.fromFile(masterKeys, CryptoRandom.nonces()), CryptoRandom.keys(),
                UUID::randomUUID);
        UUID tenant;
        try (Tenants tenants = new Tenants(fixture.infrastructure)) {
            tenant = tenants.administration().createTenant("erasure-crash-" + UUID.randomUUID());
        }
        Map<String, SubjectKey> userKeys;
        try (Database ingest = Database.connect(fixture.infrastructure.settings(ServiceRole.INGEST), "erasure-crash-ingest")) {
            userKeys = ingest.inTenant(tenant, jdbc -> keys.current(jdbc, tenant, Set.of("alice", "bob")));
        }
        for (int i = 0; i < MESSAGES; i++) {
            String user = i % 3 == 0 ? "bob" : "alice";
            fixture.publishAsync(sealedMessage(tenant, user, i, userKeys.get(user)));
        }
        fixture.flush();
        long alices = MESSAGES - (MESSAGES + 2) / 3;
        List<String> arguments = new ArrayList<>(fixture.arguments());
        arguments.add("--contextstore.master-key.file=" + masterKeys);

        Process projector = fixture.startProcess(temp.resolve("projector.log"), arguments);
        Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> rows(tenant, "alice") == alices);
        signal("STOP", projector);
        try (Database admin = Database.connect(fixture.infrastructure.settings(ServiceRole.ADMIN), "erasure-crash-admin")) {
            boolean destroyed = admin.inTenant(tenant, jdbc -> SubjectKeys.destroy(jdbc, tenant, "alice"));
            assertThat(destroyed).isTrue();
        }
        appendErasure(tenant, "alice");
        projector.destroyForcibly().waitFor();

        assertThat(rows(tenant, "alice")).as("killed between destroying the key and deleting the rows").isEqualTo(alices);
        try (ConfigurableApplicationContext restarted = fixture.startInProcess(arguments)) {
            Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> rows(tenant, "alice") == 0);
            assertThat(rows(tenant, "bob")).isEqualTo(MESSAGES - alices);
            assertThat(fixture.count(tenant, "SELECT count(*) FROM messages WHERE user_id = 'alice'")).isZero();
            assertThat(fixture.count(tenant, "SELECT count(*) FROM (" + SyncCounts.BY_GROUP + ") counts WHERE private_to = 'alice'")).isZero();
            assertThat(fixture.count(tenant, "SELECT coalesce(max(events), 0) FROM tenant_streams"))
                    .as("the chain still runs over every event").isEqualTo(MESSAGES);
            assertThat(fixture.count(tenant, "SELECT count(*) FROM erased_subjects WHERE user_id = 'alice'")).isOne();
        }
    }

    private long rows(UUID tenant, String user) throws Exception {
        return fixture.count(tenant, "SELECT count(*) FROM context_events WHERE private_to = '" + user + "'");
    }

    private static ContextEvent sealedMessage(UUID tenant, String user, int i, SubjectKey key) {
        String canonical = "{\"content\":\"note " + i + "\",\"kind\":\"message\"}";
        ContextEvent plain = ProjectorFixture.event(tenant, key.contentHash(canonical),
                new MessagePushed("m-" + i, "s-1", "user", "note " + i));
        plain.setUserId(user);
        plain.setEventId(UUID.nameUUIDFromBytes((tenant + "/" + i).getBytes(StandardCharsets.UTF_8)));
        return EventSealing.seal(plain, ContentHash.ofCanonical(canonical), key, CryptoRandom.nonces().get());
    }

    private void appendErasure(UUID tenant, String user) throws Exception {
        SubjectErased erasure = new SubjectErased(UUID.randomUUID(), tenant, user, Instant.parse("2026-12-03T10:00:00Z"));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                fixture.infrastructure.kafkaBootstrapServers(), "acks", "all"), new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.CONTEXT_EVENTS.name(), null, tenant.toString().getBytes(StandardCharsets.UTF_8),
                    Topics.SUBJECT_ERASED.encode(erasure), CloudEventHeaders.of(erasure))).get();
        }
    }

    private static void signal(String name, Process process) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start().waitFor()).isZero();
    }
}
