package io.contextstore.projector.rebuild;

import io.contextstore.events.topic.Topics;
import io.contextstore.platform.db.Database;
import io.contextstore.projector.consume.PartitionProjector;
import io.contextstore.platform.crypto.SubjectKeys;
import io.contextstore.projector.store.ReadModelWriter;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * Brings a read model in another schema from where it stands (its own {@code projector_offsets})
 * to given offsets, with the live projector's code, and leaves each partition's next offset exactly
 * at the target. Used to align a rebuilt schema with the live one before comparing or switching.
 * Holds one consumer, so a catch-up inside the switch's lock window does not pay for a new one.
 *
 * <p>With {@link Rebuild}, the projector's API for the stack's audit commands (verify, rebuild-live):
 * they reach the projection loop through these two and never its consumer, writer or planner.
 */
public final class CatchUp implements AutoCloseable {

    private static final String TOPIC = Topics.CONTEXT_EVENTS.name();

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final ReadModelWriter writer;
    private final PartitionProjector projector;

    /**
     * @param database a pool of a role that writes the read model (cs_projector)
     * @param keys     opens sealed events (ADR 33); null when no master key is configured
     */
    public CatchUp(String bootstrapServers, Database database, String schema, SubjectKeys keys) {
        this.consumer = BoundedConsumer.open(bootstrapServers, "audit-catch-up");
        this.writer = new ReadModelWriter(database, TOPIC, schema, keys);
        this.projector = new PartitionProjector(writer, (record, reason) -> { });
    }

    /** Where the schema stands, per partition (0 where it never projected). */
    public Map<Integer, Long> positions(List<Integer> partitions) {
        return writer.nextOffsets(partitions);
    }

    /** Where a read model in {@code schema} stands, per partition (0 where it never projected), without a consumer. */
    public static Map<Integer, Long> positions(Database database, String schema, Collection<Integer> partitions) {
        return new ReadModelWriter(database, TOPIC, schema, null).nextOffsets(partitions);
    }

    /**
     * Projects every record below {@code target} not yet in the schema; the tenants' events for
     * which {@code tenants} is false are passed over (their offsets still advance).
     *
     * @return the records read
     */
    public long to(Map<Integer, Long> target, Predicate<UUID> tenants) {
        Map<Integer, Long> from = writer.nextOffsets(target.keySet());
        Map<Integer, Long> behind = new HashMap<>();
        target.forEach((partition, offset) -> {
            if (from.get(partition) < offset) {
                behind.put(partition, offset);
            }
        });
        long records = new BoundedProjection(consumer, projector).run(from, behind, tenants, (done, total) -> { }).records();
        // offsets past the last record (transaction markers) are moved explicitly, so the schema
        // stands exactly where the target says, as the live projector's stored offsets do
        behind.forEach((partition, offset) -> writer.apply(partition, List.of(), List.of(), offset));
        return records;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
