package io.contextstore.projector.store;

import io.contextstore.platform.db.Database;
import io.contextstore.platform.crypto.SubjectKeys;
import io.contextstore.projector.projection.LoggedEvent;
import java.sql.Connection;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Applies one poll's batch to the read model in one PostgreSQL transaction together with its partitions' next offsets:
 * either all of it becomes visible, or none of it (exactly once in effect). The offset rows are locked first
 * ({@link PollOffsets}), so two projector instances that both believe they own a partition (a zombie after a
 * rebalance) serialize, and the later one skips what the earlier one applied.
 *
 * <p>Round trips per tenant are what a batch costs, so two reads are usually avoided: each tenant's
 * state (chain head) is remembered from the last commit ({@link CommittedStates}), trusted only while the
 * partition's stored offset is the one this writer committed; and earlier copies of an event are found by the insert
 * itself ({@code ON CONFLICT DO NOTHING RETURNING}): if one turns up, the whole batch is rolled back
 * and applied again with the known contents read first.
 */
public final class ReadModelWriter {

    /** A tenant's events in one statement, at most: more go in further statements of the same transaction. */
    public static final int EVENTS_PER_STATEMENT = 1000;

    private final Database database;
    private final Consumer<Set<UUID>> committed;
    /** Its opener of sealed events, its memory of its commits, its topic and schema, shared with each partition's write. */
    private final PartitionWrite.Context context;

    /**
     * @param schema where the read model lives; null for the default search path
     * @param keys   the subjects' keys that open sealed events; null when no master key is configured
     */
    public ReadModelWriter(Database database, String topic, String schema, SubjectKeys keys) {
        this(database, topic, schema, keys, tenants -> { });
    }

    /** @param committed told, after each commit, which tenants it moved (the live projector's search indexer listens) */
    public ReadModelWriter(Database database, String topic, String schema, SubjectKeys keys,
                           Consumer<Set<UUID>> committed) {
        this.database = database;
        this.committed = committed;
        this.context = new PartitionWrite.Context(new EventOpener(keys), new CommittedStates(), topic, schema);
    }

    /** Where to resume each partition: the next offset to apply (0 when never projected). */
    public Map<Integer, Long> nextOffsets(Collection<Integer> partitions) {
        return database.withoutTenant(jdbc -> {
            PartitionWrite.useSchema(jdbc, context.schema());
            Map<Integer, Long> offsets = new HashMap<>();
            jdbc.sql("SELECT kafka_partition, next_offset FROM projector_offsets WHERE topic = ?")
                    .param(context.topic())
                    .query((rs, n) -> offsets.put(rs.getInt(1), rs.getLong(2))).list();
            Map<Integer, Long> result = new HashMap<>();
            partitions.forEach(p -> result.put(p, offsets.getOrDefault(p, 0L)));
            return result;
        });
    }

    /**
     * Applies events and failures of one partition (in offset order) and moves the partition to
     * {@code nextOffset}. Records below the stored offset were applied already and are skipped.
     */
    public void apply(int partition, List<LoggedEvent> events, List<ProjectionFailure> failures, long nextOffset) {
        apply(List.of(new PartitionBatch(partition, events, failures, nextOffset)));
    }

    /** Applies the parts of several partitions in one transaction (one commit for a whole poll). */
    public void apply(List<PartitionBatch> batches) {
        List<PartitionBatch> ordered = batches.stream()
                .sorted(java.util.Comparator.comparingInt(PartitionBatch::partition)).toList(); // lock order: no deadlocks
        try {
            try {
                applyOnce(ordered, false);
            } catch (PartitionWrite.EarlierCopyFound retry) {
                applyOnce(ordered, true);
            }
        } catch (RuntimeException e) {
            ordered.forEach(batch -> forget(batch.partition()));
            throw e;
        }
    }

    private void applyOnce(List<PartitionBatch> batches, boolean readKnownContents) {
        PartitionWrite.Staging staged = PartitionWrite.Staging.begin(context.opener());
        Map<UUID, Long> signals = new HashMap<>();
        Map<Integer, Long> moved = database.withoutTenant(jdbc -> {
            PartitionWrite.useSchema(jdbc, context.schema());
            Connection connection = database.currentConnection();
            Map<Integer, Long> stored = PollOffsets.lock(jdbc, context.topic(),
                    batches.stream().map(PartitionBatch::partition).toList());
            SortedMap<Integer, Long> next = new TreeMap<>();
            for (PartitionBatch batch : batches) {
                long from = stored.get(batch.partition());
                long to = Math.max(from, batch.nextOffset());
                next.put(batch.partition(), to);
                Set<UUID> touched = applyPartition(jdbc, connection, batch, from, readKnownContents, staged);
                touched.forEach(tenant -> signals.put(tenant, to));
            }
            // the live read model wakes the streams and waiting pulls of the tenants it moved (ADR 38)
            PollOffsets.move(jdbc, context.topic(), next, context.schema() == null ? signals : Map.of());
            return next;
        });
        context.remembered().committed(staged.movedByOthers(), staged.states(), moved);
        context.opener().commit(staged.keys());
        committed.accept(signals.keySet());
    }

    /** Applies what of one partition's batch lies at or above its stored offset; answers the tenants it moved. */
    private Set<UUID> applyPartition(JdbcClient jdbc, Connection connection, PartitionBatch whole, long stored,
                                     boolean readKnownContents, PartitionWrite.Staging staged) {
        PartitionBatch batch = whole.from(stored);
        boolean ours = context.remembered().ours(batch.partition(), stored);
        if (!ours) {
            staged.movedByOthers().add(batch.partition());
        }
        return new PartitionWrite(jdbc, connection, context, batch.partition(), !readKnownContents && ours,
                readKnownContents, staged).apply(batch);
    }

    /** Forgets what this writer remembers of a partition: after a failure, or when it may have changed hands. */
    public void forget(int partition) {
        context.remembered().forget(partition);
        context.opener().clear();
    }
}
