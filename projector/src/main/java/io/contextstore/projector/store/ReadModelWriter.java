package io.contextstore.projector.store;

import io.contextstore.platform.db.Database;
import io.contextstore.platform.db.MultiRowInsert;
import io.contextstore.platform.crypto.SubjectKeys;
import io.contextstore.projector.projection.LoggedErasure;
import io.contextstore.projector.projection.LoggedEvent;
import io.contextstore.projector.projection.ProjectionPlanner;
import io.contextstore.projector.projection.TenantPlan;
import io.contextstore.projector.projection.TenantState;
import java.sql.Connection;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
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

    private final Database database;
    private final EventOpener opener;
    private final String topic;
    private final String schema;
    private final Consumer<Set<UUID>> committed;
    private final CommittedStates remembered = new CommittedStates();

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
        this.opener = new EventOpener(keys);
        this.database = database;
        this.topic = topic;
        this.schema = schema;
        this.committed = committed;
    }

    /** Where to resume each partition: the next offset to apply (0 when never projected). */
    public Map<Integer, Long> nextOffsets(Collection<Integer> partitions) {
        return database.withoutTenant(jdbc -> {
            useSchema(jdbc);
            Map<Integer, Long> offsets = new HashMap<>();
            jdbc.sql("SELECT kafka_partition, next_offset FROM projector_offsets WHERE topic = ?").param(topic)
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
            } catch (EarlierCopyFound retry) {
                applyOnce(ordered, true);
            }
        } catch (RuntimeException e) {
            ordered.forEach(batch -> forget(batch.partition()));
            throw e;
        }
    }

    /**
     * What one transaction found out, kept once it committed: tenants' states (with their partitions), their keys,
     * and the partitions whose offset another writer had moved.
     */
    private record Staging(Map<UUID, CommittedStates.Written> states, Set<Integer> movedByOthers,
                           EventOpener.Staged keys) {

        void put(UUID tenant, int partition, TenantState state) {
            states.put(tenant, new CommittedStates.Written(state, partition));
        }
    }

    private void applyOnce(List<PartitionBatch> batches, boolean readKnownContents) {
        Staging staged = new Staging(new HashMap<>(), new HashSet<>(), opener.begin());
        Map<UUID, Long> signals = new HashMap<>();
        Map<Integer, Long> moved = database.withoutTenant(jdbc -> {
            useSchema(jdbc);
            Connection connection = database.currentConnection();
            Map<Integer, Long> stored = PollOffsets.lock(jdbc, topic, batches.stream().map(PartitionBatch::partition).toList());
            SortedMap<Integer, Long> next = new TreeMap<>();
            for (PartitionBatch batch : batches) {
                long from = stored.get(batch.partition());
                long to = Math.max(from, batch.nextOffset());
                next.put(batch.partition(), to);
                Set<UUID> touched = applyPartition(jdbc, connection, batch, from, readKnownContents, staged);
                touched.forEach(tenant -> signals.put(tenant, to));
            }
            // the live read model wakes the streams and waiting pulls of the tenants it moved (ADR 38)
            PollOffsets.move(jdbc, topic, next, schema == null ? signals : Map.of());
            return next;
        });
        remembered.committed(staged.movedByOthers(), staged.states(), moved);
        opener.commit(staged.keys());
        committed.accept(signals.keySet());
    }

    /** Applies what of one partition's batch lies at or above its stored offset; answers the tenants it moved. */
    private Set<UUID> applyPartition(JdbcClient jdbc, Connection connection, PartitionBatch whole, long stored,
                                     boolean readKnownContents, Staging staged) {
        PartitionBatch batch = whole.from(stored);
        int partition = batch.partition();
        boolean ours = remembered.ours(partition, stored);
        if (!ours) {
            staged.movedByOthers().add(partition);
        }
        boolean trustCache = !readKnownContents && ours;
        List<LoggedErasure> erasures = batch.erasures();
        erasures.forEach(erasure -> staged.keys().forget(erasure.tenant())); // before any of the tenant's events is opened
        Set<LoggedErasure> applied = new HashSet<>();
        batch.eventsByTenant().forEach((tenant, tenantEvents) -> applied.addAll(applyAroundDeletions(jdbc, connection,
                tenant, partition, tenantEvents, erasures, trustCache, readKnownContents, staged)));
        // the rest act on what lies below their offsets only, so after the batch's events they do what they do in order
        erasures.stream().filter(erasure -> !applied.contains(erasure)).forEach(erasure -> erase(jdbc, erasure, partition, staged));
        recordFailures(connection, partition, batch.failures());
        return batch.touched();
    }

    /**
     * A tenant's events, and its deletions among the batch's erasures in their place: a deletion ends the tenant's chain,
     * so the events after it start a new one, wherever the batch ends (I5). Answers the deletions it applied.
     */
    private List<LoggedErasure> applyAroundDeletions(JdbcClient jdbc, Connection connection, UUID tenant, int partition,
                                                     List<LoggedEvent> events, List<LoggedErasure> erasures,
                                                     boolean trustCache, boolean readKnownContents, Staging staged) {
        List<LoggedErasure> deletions = erasures.stream()
                .filter(erasure -> erasure.userId() == null && erasure.tenant().equals(tenant)).toList();
        int from = 0;
        boolean deleted = false; // what the writer remembers of the tenant is from before its deletion
        for (LoggedErasure deletion : deletions) {
            int to = from;
            while (to < events.size() && events.get(to).offset() < deletion.offset()) {
                to++;
            }
            applyEvents(jdbc, connection, tenant, partition, events.subList(from, to), trustCache && !deleted,
                    readKnownContents, staged);
            erase(jdbc, deletion, partition, staged);
            deleted = true;
            from = to;
        }
        applyEvents(jdbc, connection, tenant, partition, events.subList(from, events.size()), trustCache && !deleted,
                readKnownContents, staged);
        return deletions;
    }

    /** A tenant's events, if any; a part after the tenant's deletion reads its state afresh, so trusts no cache. */
    private void applyEvents(JdbcClient jdbc, Connection connection, UUID tenant, int partition, List<LoggedEvent> events,
                             boolean trustCache, boolean readKnownContents, Staging staged) {
        if (!events.isEmpty()) {
            staged.put(tenant, partition,
                    applyTenant(jdbc, connection, tenant, events, trustCache, readKnownContents, staged.keys()));
        }
    }

    private static void erase(JdbcClient jdbc, LoggedErasure erasure, int partition, Staging staged) {
        Database.setLocal(jdbc, "app.tenant_id", erasure.tenant().toString());
        Erasures.apply(jdbc, erasure);
        if (erasure.userId() == null) { // its chain is gone: whatever follows starts from the genesis
            staged.put(erasure.tenant(), partition, TenantState.empty());
        }
    }

    private TenantState applyTenant(JdbcClient jdbc, Connection connection, UUID tenant, List<LoggedEvent> events,
                                    boolean trustCache, boolean readKnownContents, EventOpener.Staged keys) {
        TenantScope scope = new TenantScope(jdbc, tenant);
        events = opener.open(keys, tenant, events, trustCache, (subjectKeys, ids) -> liveKeys(jdbc, () -> {
            scope.enter();
            return subjectKeys.existing(jdbc, tenant, ids);
        }));
        TenantState state = trustCache ? remembered.recall(tenant) : null;
        if (state == null) {
            scope.enter();
            state = state(jdbc, tenant, events, readKnownContents);
        }
        TenantPlan plan = ProjectionPlanner.plan(events, state);
        TenantState after = new TenantState(plan.chainHead(), plan.events(), Set.of());
        if (plan.keepsNothing()) {
            return after;
        }
        if (TenantWrite.write(connection, scope, plan) != plan.kept().size()) {
            throw new EarlierCopyFound();
        }
        ItemVersions.apply(jdbc, connection, tenant, plan.kept()); // the write set the tenant // after the events: an edit may name one of them
        return after;
    }

    private static TenantState state(JdbcClient jdbc, UUID tenant, List<LoggedEvent> events, boolean readKnownContents) {
        Set<UUID> known = new HashSet<>();
        if (readKnownContents) {
            UUID[] ids = events.stream().map(e -> e.event().getEventId()).distinct().toArray(UUID[]::new);
            known.addAll(jdbc.sql("SELECT event_id FROM context_events WHERE tenant_id = ? AND event_id = ANY (?)")
                    .param(tenant).param(ids).query(UUID.class).list());
        }
        return jdbc.sql("SELECT chain_head, events FROM tenant_streams WHERE tenant_id = ?").param(tenant)
                .query((rs, n) -> new TenantState(rs.getString(1), rs.getLong(2), known))
                .optional()
                .orElseGet(() -> new TenantState(TenantState.empty().chainHead(), 0, known));
    }

    /** Forgets what this writer remembers of a partition: after a failure, or when it may have changed hands. */
    public void forget(int partition) {
        remembered.forget(partition);
        opener.clear();
    }

    private void recordFailures(Connection connection, int partition, List<ProjectionFailure> failures) {
        MultiRowInsert.<ProjectionFailure>into("projection_failures", f -> new Object[] {topic, partition, f.offset(),
                        f.recordKey(), f.reason(), TypedRows.utc(f.recordTimestamp())},
                "topic", "kafka_partition", "kafka_offset", "record_key", "reason", "record_timestamp")
                .then("ON CONFLICT DO NOTHING")
                .execute(connection, failures);
    }

    /**
     * Runs a read of the subjects' keys in this transaction: a rebuild writes another schema, but the keys
     * are the live ones (a scratch schema has an empty subject_keys), so the session's own search path is
     * put back for the read.
     */
    private <T> T liveKeys(JdbcClient jdbc, java.util.function.Supplier<T> read) {
        if (schema == null) {
            return read.get();
        }
        jdbc.sql("SELECT set_config('search_path', reset_val, true) FROM pg_settings WHERE name = 'search_path'")
                .query(String.class).single();
        try {
            return read.get();
        } finally {
            useSchema(jdbc);
        }
    }

    private void useSchema(JdbcClient jdbc) {
        if (schema != null) {
            Database.setLocal(jdbc, "search_path", schema);
        }
    }

    /** An event of the batch is already in the read model: apply the batch again, reading known ids first. */
    private static final class EarlierCopyFound extends RuntimeException {
        EarlierCopyFound() {
            super(null, null, false, false);
        }
    }
}
