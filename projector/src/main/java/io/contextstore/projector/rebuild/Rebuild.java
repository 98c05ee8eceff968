package io.contextstore.projector.rebuild;

import io.contextstore.events.topic.Topics;
import io.contextstore.platform.db.Database;
import io.contextstore.projector.consume.PartitionProjector;
import io.contextstore.platform.crypto.SubjectKeys;
import io.contextstore.projector.store.ReadModelWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Projects the log from offset 0 up to its current end into a read model in another schema, with
 * the same code the live projector uses. Since projection is a pure function of the log, the result
 * must equal the live read model for the same offsets (invariant I5).
 */
public final class Rebuild {

    /** Called after each applied batch. */
    public interface Progress {
        void applied(long recordsDone, long recordsTotal);
    }

    public record Result(long records, long events, Map<Integer, Long> endOffsets, Duration took) {
    }

    private final String bootstrapServers;
    private final Database database;
    private final SubjectKeys keys;

    /**
     * @param database a pool of a role that may write the target schema's read model (cs_projector)
     * @param keys     opens sealed events with the live keys (ADR 33); null when no master key is configured
     */
    public Rebuild(String bootstrapServers, Database database, SubjectKeys keys) {
        this.bootstrapServers = bootstrapServers;
        this.database = database;
        this.keys = keys;
    }

    /**
     * @param schema  an empty, migrated schema (see {@code Migrations.migrateSchema})
     * @param tenants which tenants to project; the others' records are read and passed over
     */
    public Result into(String schema, Predicate<UUID> tenants, Progress progress) {
        long started = System.nanoTime();
        ReadModelWriter writer = new ReadModelWriter(database, Topics.CONTEXT_EVENTS.name(), schema, keys);
        PartitionProjector projector = new PartitionProjector(writer, (record, reason) -> { });
        try (KafkaConsumer<byte[], byte[]> consumer = BoundedConsumer.open(bootstrapServers, "audit-rebuild")) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(Topics.CONTEXT_EVENTS.name(), Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(info.topic(), info.partition()));
            }
            consumer.assign(partitions); // asked for the ends of partitions it is not assigned, it warns for each
            Map<Integer, Long> endOffsets = new HashMap<>();
            consumer.endOffsets(partitions, Duration.ofSeconds(30)).forEach((p, o) -> endOffsets.put(p.partition(), o));
            BoundedProjection.Result result = new BoundedProjection(consumer, projector)
                    .run(Map.of(), endOffsets, tenants, progress::applied);
            return new Result(result.records(), result.events(), endOffsets, Duration.ofNanos(System.nanoTime() - started));
        }
    }
}
