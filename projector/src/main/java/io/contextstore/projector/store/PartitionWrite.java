package io.contextstore.projector.store;

import io.contextstore.platform.db.Database;
import io.contextstore.platform.db.MultiRowInsert;
import io.contextstore.projector.projection.LoggedErasure;
import io.contextstore.projector.projection.LoggedEvent;
import io.contextstore.projector.projection.ProjectionPlanner;
import io.contextstore.projector.projection.TenantPlan;
import io.contextstore.projector.projection.TenantState;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes one partition's part of a poll inside the poll's transaction ({@link ReadModelWriter}): each tenant's events,
 * with its deletions in their place among them, then the other erasures, then the records that failed. What it finds
 * out goes into the transaction's {@link Staging}, kept only once the transaction commits.
 *
 * @param trustCache        whether the tenants' remembered states may stand in for a read (ADR 7)
 * @param readKnownContents whether to read which of the events the read model already holds, before writing them
 */
record PartitionWrite(JdbcClient jdbc, Connection connection, Context context, int partition, boolean trustCache,
                      boolean readKnownContents, Staging staged) {

    /** What the writer lends every partition's write: its opener of sealed events, its memory, and where it writes. */
    record Context(EventOpener opener, CommittedStates remembered, String topic, String schema) {
    }

    /**
     * What one transaction found out, kept once it committed: tenants' states (with their partitions), their keys,
     * and the partitions whose offset another writer had moved.
     */
    record Staging(Map<UUID, CommittedStates.Written> states, Set<Integer> movedByOthers, EventOpener.Staged keys) {

        static Staging begin(EventOpener opener) {
            return new Staging(new HashMap<>(), new HashSet<>(), opener.begin());
        }

        void put(UUID tenant, int partition, TenantState state) {
            states.put(tenant, new CommittedStates.Written(state, partition));
        }
    }

    /** An event of the batch is already in the read model: apply the batch again, reading known ids first. */
    static final class EarlierCopyFound extends RuntimeException {
        EarlierCopyFound() {
            super(null, null, false, false);
        }
    }

    /** Applies the batch (already cut to what lies at or above the stored offset); answers the tenants it moved. */
    Set<UUID> apply(PartitionBatch batch) {
        List<LoggedErasure> erasures = batch.erasures();
        erasures.forEach(erasure -> staged.keys().forget(erasure.tenant())); // before any of the tenant's events is opened
        Map<UUID, TenantState> heads = readKnownContents ? Map.of() : heads(batch);
        Set<LoggedErasure> applied = new HashSet<>();
        batch.eventsByTenant().forEach((tenant, events) ->
                applied.addAll(applyAroundDeletions(tenant, events, erasures, heads.get(tenant))));
        // the rest act on what lies below their offsets only, so after the batch's events they do what they do in order
        erasures.stream().filter(erasure -> !applied.contains(erasure)).forEach(this::erase);
        recordFailures(batch.failures());
        return batch.touched();
    }

    /**
     * The states of the batch's tenants that no deletion in it resets: remembered where the writer may trust its
     * memory, the others read together before any of them is written (ADR 51). A tenant deleted in the batch is read
     * in its place, after the deletion.
     */
    private Map<UUID, TenantState> heads(PartitionBatch batch) {
        Set<UUID> deleted = new HashSet<>();
        batch.erasures().stream().filter(LoggedErasure::deletesTenant).forEach(erasure -> deleted.add(erasure.tenant()));
        Map<UUID, TenantState> heads = new HashMap<>();
        List<UUID> unknown = new ArrayList<>();
        for (UUID tenant : batch.eventsByTenant().keySet()) {
            if (deleted.contains(tenant)) {
                continue;
            }
            TenantState remembered = trustCache ? context.remembered().recall(tenant) : null;
            if (remembered != null) {
                heads.put(tenant, remembered);
            } else {
                unknown.add(tenant);
            }
        }
        heads.putAll(StreamHeads.read(connection, unknown));
        return heads;
    }

    /**
     * A tenant's events, and its deletions among the batch's erasures in their place: a deletion ends the tenant's chain,
     * so the events after it start a new one, wherever the batch ends (I5). Answers the deletions it applied.
     */
    private List<LoggedErasure> applyAroundDeletions(UUID tenant, List<LoggedEvent> events, List<LoggedErasure> erasures,
                                                     TenantState head) {
        List<LoggedErasure> deletions = erasures.stream()
                .filter(erasure -> erasure.deletesTenant() && erasure.tenant().equals(tenant)).toList();
        int from = 0;
        boolean deleted = false; // what the writer remembers of the tenant is from before its deletion
        for (LoggedErasure deletion : deletions) {
            int to = from;
            while (to < events.size() && events.get(to).offset() < deletion.offset()) {
                to++;
            }
            applyEvents(tenant, events.subList(from, to), trustCache && !deleted, null);
            erase(deletion);
            deleted = true;
            from = to;
        }
        applyEvents(tenant, events.subList(from, events.size()), trustCache && !deleted, head);
        return deletions;
    }

    /**
     * A tenant's events, if any; a part after the tenant's deletion reads its state afresh, so trusts no cache.
     *
     * @param head the tenant's state as read before the batch was written, or null when it was not
     */
    private void applyEvents(UUID tenant, List<LoggedEvent> events, boolean trusted, TenantState head) {
        if (!events.isEmpty()) {
            staged.put(tenant, partition, applyTenant(tenant, events, trusted, head));
        }
    }

    private void erase(LoggedErasure erasure) {
        Database.setLocal(jdbc, "app.tenant_id", erasure.tenant().toString());
        Erasures.apply(jdbc, erasure);
        if (erasure.deletesTenant()) { // its chain is gone: whatever follows starts from the genesis
            staged.put(erasure.tenant(), partition, TenantState.empty());
        }
    }

    private TenantState applyTenant(UUID tenant, List<LoggedEvent> events, boolean trusted, TenantState head) {
        TenantScope scope = new TenantScope(jdbc, tenant);
        events = context.opener().open(staged.keys(), tenant, events, trusted, (subjectKeys, ids) -> liveKeys(() -> {
            scope.enter();
            return subjectKeys.existing(jdbc, tenant, ids);
        }));
        TenantState state = head != null ? head : trusted ? context.remembered().recall(tenant) : null;
        if (state == null) {
            scope.enter();
            state = state(tenant, events);
        }
        TenantPlan plan = ProjectionPlanner.plan(events, state);
        TenantState after = new TenantState(plan.chainHead(), plan.events(), Set.of());
        if (plan.keepsNothing()) {
            return after;
        }
        if (TenantWrite.write(connection, scope, plan) != plan.kept().size()) {
            throw new EarlierCopyFound();
        }
        // in the tenant the write set; after the events, as an edit may name one of them
        ItemVersions.apply(jdbc, connection, tenant, plan.kept());
        return after;
    }

    private TenantState state(UUID tenant, List<LoggedEvent> events) {
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

    private void recordFailures(List<ProjectionFailure> failures) {
        MultiRowInsert.<ProjectionFailure>into("projection_failures", f -> new Object[] {context.topic(), partition,
                        f.offset(), f.recordKey(), f.reason(), f.recordTimestamp()},
                "topic", "kafka_partition", "kafka_offset", "record_key", "reason", "record_timestamp")
                .then("ON CONFLICT DO NOTHING")
                .execute(connection, failures);
    }

    /**
     * Runs a read of the subjects' keys in this transaction: a rebuild writes another schema, but the keys
     * are the live ones (a scratch schema has an empty subject_keys), so the session's own search path is
     * put back for the read.
     */
    private <T> T liveKeys(Supplier<T> read) {
        if (context.schema() == null) {
            return read.get();
        }
        jdbc.sql("SELECT set_config('search_path', reset_val, true) FROM pg_settings WHERE name = 'search_path'")
                .query(String.class).single();
        try {
            return read.get();
        } finally {
            useSchema(jdbc, context.schema());
        }
    }

    /** Sets the transaction's search path to {@code schema}, where the read model lives; null leaves the default. */
    static void useSchema(JdbcClient jdbc, String schema) {
        if (schema != null) {
            Database.setLocal(jdbc, "search_path", schema);
        }
    }
}
