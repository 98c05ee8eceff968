package io.contextstore.projector.store;

import io.contextstore.events.ContextEvent;
import io.contextstore.events.EventKind;
import io.contextstore.platform.db.Database;
import io.contextstore.platform.db.MultiRowInsert;
import io.contextstore.projector.projection.EventData;
import io.contextstore.projector.projection.KeptEvent;
import io.contextstore.projector.projection.LoggedEvent;
import io.contextstore.projector.projection.ProjectionPlanner;
import io.contextstore.projector.projection.TenantPlan;
import io.contextstore.projector.projection.TenantState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applies one partition's batch to the read model in one PostgreSQL transaction together with the
 * partition's next offset: either all of it becomes visible, or none of it (exactly once in effect).
 * The offset row is locked first, so two projector instances that both believe they own a partition
 * (a zombie after a rebalance) serialize, and the later one skips what the earlier one applied.
 */
public final class ReadModelWriter {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final MultiRowInsert<KeptEvent> CONTEXT_EVENTS = MultiRowInsert.<KeptEvent>into("context_events",
            kept -> {
                ContextEvent e = kept.logged().event();
                EventKind kind = EventKind.of(e);
                return new Object[] {e.getTenantId(), kept.logged().offset(), kept.logged().partition(), e.getEventId(),
                        e.getContentHash(), kind.wireName(), e.getUserId(), e.getDeviceId(),
                        kind.visibility() == EventKind.Visibility.USER ? e.getUserId() : null, e.getProjectId(),
                        e.getClientSeq(), TypedRows.utc(e.getOccurredAt()), TypedRows.utc(e.getReceivedAt()),
                        JSON.writeValueAsString(EventData.of(e.getPayload())), kept.chain()};
            }, "tenant_id", "kafka_offset", "kafka_partition", "event_id", "content_hash", "kind", "user_id", "device_id",
            "private_to", "project_id", "client_seq", "occurred_at", "received_at", "data::jsonb", "chain");

    private final Database database;
    private final String topic;
    private final String schema;

    /** @param schema where the read model lives; null for the default search path */
    public ReadModelWriter(Database database, String topic, String schema) {
        this.database = database;
        this.topic = topic;
        this.schema = schema;
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
        database.withoutTenant(jdbc -> {
            useSchema(jdbc);
            long stored = lockOffset(jdbc, partition);
            Map<UUID, List<LoggedEvent>> byTenant = new LinkedHashMap<>();
            for (LoggedEvent event : events) {
                if (event.offset() >= stored) {
                    byTenant.computeIfAbsent(event.event().getTenantId(), t -> new ArrayList<>()).add(event);
                }
            }
            byTenant.forEach((tenant, tenantEvents) -> applyTenant(jdbc, tenant, tenantEvents));
            recordFailures(jdbc, partition, failures.stream().filter(f -> f.offset() >= stored).toList());
            jdbc.sql("UPDATE projector_offsets SET next_offset = ? WHERE topic = ? AND kafka_partition = ?")
                    .param(Math.max(stored, nextOffset)).param(topic).param(partition).update();
            return null;
        });
    }

    private void applyTenant(JdbcClient jdbc, UUID tenant, List<LoggedEvent> events) {
        Database.setLocal(jdbc, "app.tenant_id", tenant.toString());
        TenantPlan plan = ProjectionPlanner.plan(events, state(jdbc, tenant, events));
        if (plan.keepsNothing()) {
            return;
        }
        CONTEXT_EVENTS.execute(jdbc, plan.kept());
        TypedRows.write(jdbc, plan.kept(), plan.latestTaskStates());
        plan.stats().forEach((kind, delta) -> jdbc.sql("""
                        INSERT INTO sync_stats (tenant_id, kind, events, last_offset) VALUES (?, ?, ?, ?)
                        ON CONFLICT (tenant_id, kind) DO UPDATE SET events = sync_stats.events + excluded.events,
                            last_offset = greatest(sync_stats.last_offset, excluded.last_offset)""")
                .param(tenant).param(kind.wireName()).param(delta.events()).param(delta.lastOffset()).update());
        jdbc.sql("""
                        INSERT INTO tenant_streams (tenant_id, kafka_partition, chain_head, events, last_offset)
                        VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (tenant_id) DO UPDATE SET chain_head = excluded.chain_head, events = excluded.events,
                            last_offset = excluded.last_offset, kafka_partition = excluded.kafka_partition""")
                .param(tenant).param(plan.partition()).param(plan.chainHead()).param(plan.events())
                .param(plan.lastOffset()).update();
    }

    private static TenantState state(JdbcClient jdbc, UUID tenant, List<LoggedEvent> events) {
        String[] hashes = events.stream().map(e -> e.event().getContentHash()).distinct().toArray(String[]::new);
        List<String> known = jdbc.sql("SELECT content_hash FROM context_events WHERE tenant_id = ? AND content_hash = ANY (?)")
                .param(tenant).param(hashes).query(String.class).list();
        return jdbc.sql("SELECT chain_head, events FROM tenant_streams WHERE tenant_id = ?").param(tenant)
                .query((rs, n) -> new TenantState(rs.getString(1), rs.getLong(2), new HashSet<>(known)))
                .optional()
                .orElseGet(() -> new TenantState(TenantState.empty().chainHead(), 0, new HashSet<>(known)));
    }

    private long lockOffset(JdbcClient jdbc, int partition) {
        jdbc.sql("INSERT INTO projector_offsets (topic, kafka_partition, next_offset) VALUES (?, ?, 0) ON CONFLICT DO NOTHING")
                .param(topic).param(partition).update();
        return jdbc.sql("SELECT next_offset FROM projector_offsets WHERE topic = ? AND kafka_partition = ? FOR UPDATE")
                .param(topic).param(partition).query(Long.class).single();
    }

    private void recordFailures(JdbcClient jdbc, int partition, List<ProjectionFailure> failures) {
        MultiRowInsert.<ProjectionFailure>into("projection_failures", f -> new Object[] {topic, partition, f.offset(),
                        f.recordKey(), f.reason(), TypedRows.utc(f.recordTimestamp())},
                "topic", "kafka_partition", "kafka_offset", "record_key", "reason", "record_timestamp")
                .then("ON CONFLICT DO NOTHING")
                .execute(jdbc, failures);
    }

    private void useSchema(JdbcClient jdbc) {
        if (schema != null) {
            Database.setLocal(jdbc, "search_path", schema);
        }
    }
}
