package io.contextstore.stack.admin;

import io.contextstore.events.CloudEventHeaders;
import io.contextstore.events.SubjectErased;
import io.contextstore.events.topic.Topics;
import io.contextstore.platform.crypto.SubjectKeys;
import io.contextstore.platform.db.Database;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Crypto-shredding as the operator runs it (ADR 33): destroy the keys first (from then on nothing they
 * sealed can be read, by any process, live or rebuilding), then append the erasure to the tenant's
 * partition, which the projector applies to the read model and pulls pass on to devices. A crash between
 * the two leaves the keys destroyed and the rows in place until the command runs again: it is idempotent.
 */
final class Erasures {

    /** What one run did: how many keys it destroyed (0 when already destroyed), and the erasure's offset. */
    record Done(int keysDestroyed, long offset) {
    }

    private final Database database;
    private final String bootstrapServers;

    Erasures(Database database, String bootstrapServers) {
        this.database = database;
        this.bootstrapServers = bootstrapServers;
    }

    Done eraseUser(UUID tenant, String user, UUID erasureId, Instant at) {
        int destroyed = database.inTenant(tenant, jdbc -> {
            jdbc.sql("DELETE FROM entity_heads WHERE tenant_id = ? AND user_id = ?").params(tenant, user).update();
            // an erased user is in no team any more (ADR 36): their name is personal data too
            jdbc.sql("DELETE FROM team_members WHERE tenant_id = ? AND user_id = ?").params(tenant, user).update();
            return SubjectKeys.destroy(jdbc, tenant, user) ? 1 : 0;
        });
        return new Done(destroyed, append(new SubjectErased(erasureId, tenant, user, at)));
    }

    /** Destroys every key of the tenant, deletes its license keys, grants, index and tenant row, then appends the erasure. */
    Done deleteTenant(UUID tenant, UUID erasureId, Instant at) {
        int destroyed = database.inTenant(tenant, jdbc -> {
            int keys = SubjectKeys.destroyAll(jdbc, tenant);
            for (String table : new String[] {"license_keys", "audit_grants", "entity_heads", "dedup_index", "team_members",
                    "project_teams", "teams", "projects", "tenants"}) {
                jdbc.sql("DELETE FROM " + table + " WHERE tenant_id = ?").param(tenant).update();
            }
            return keys;
        });
        return new Done(destroyed, append(new SubjectErased(erasureId, tenant, null, at)));
    }

    private long append(SubjectErased erasure) {
        Map<String, Object> config = Map.of("bootstrap.servers", bootstrapServers, "acks", "all",
                "enable.idempotence", true, "max.block.ms", 10_000, "delivery.timeout.ms", 15_000,
                "request.timeout.ms", 5_000, "client.id", "contextstore-admin");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            return producer.send(new ProducerRecord<>(Topics.CONTEXT_EVENTS.name(), null,
                    erasure.getTenantId().toString().getBytes(StandardCharsets.UTF_8), Topics.SUBJECT_ERASED.encode(erasure),
                    CloudEventHeaders.of(erasure))).get().offset();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the keys are destroyed, but Kafka did not take the erasure ("
                    + e.getCause().getMessage() + "); run the command again", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted before Kafka took the erasure; run the command again", e);
        }
    }
}
