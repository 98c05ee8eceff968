package io.contextstore.ingest.push;

import io.contextstore.ingest.push.decision.IndexedEvent;
import io.contextstore.ingest.push.decision.PushDecider.Known;
import io.contextstore.ingest.push.decision.PushDecider;
import io.contextstore.platform.db.Database;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The index that lets a retry answer {@code duplicate} without appending: events by id, and the current
 * state of each entity of a state kind per user. Rows are written only after Kafka acknowledged, so no
 * row ever names an event missing from the log.
 */
final class DedupIndex {

    private final Database database;

    DedupIndex(Database database) {
        this.database = database;
    }

    /**
     * In the push's look-up transaction, scoped to the tenant.
     * @param offsets positions edits name as versions (ADR 39): looked up only when there are any
     */
    static Known find(JdbcClient jdbc, UUID tenantId, String userId, Collection<UUID> eventIds, Collection<String> entities,
                      Collection<Long> offsets) {
        return new Known(select(jdbc, tenantId, eventIds), heads(jdbc, tenantId, userId, entities),
                atOffsets(jdbc, tenantId, offsets));
    }

    /**
     * Records what landed. Where a concurrent push of the same event recorded first, its entry wins and
     * is returned instead of ours, so every answer names one id and offset. An entity's state moves only
     * forward in the log.
     */
    Map<UUID, IndexedEvent> record(UUID tenantId, String userId, List<IndexedEvent> landed) {
        if (landed.isEmpty()) {
            return Map.of();
        }
        return database.inTenant(tenantId, jdbc -> {
            Set<UUID> inserted = insert(jdbc, tenantId, landed);
            Map<UUID, IndexedEvent> entries = new HashMap<>();
            List<UUID> lostRaces = new ArrayList<>();
            for (IndexedEvent event : landed) {
                if (inserted.contains(event.eventId())) {
                    entries.put(event.eventId(), event);
                } else {
                    lostRaces.add(event.eventId());
                }
            }
            entries.putAll(select(jdbc, tenantId, lostRaces));
            advanceHeads(jdbc, tenantId, userId, landed);
            return entries;
        });
    }

    /**
     * One array per column, however many events: a statement with nine parameters a row spent its time binding
     * and planning thousands of them (a batch of 1,000 had 9,000).
     */
    private static Set<UUID> insert(JdbcClient jdbc, UUID tenantId, List<IndexedEvent> landed) {
        int n = landed.size();
        UUID[] ids = new UUID[n];
        String[] hashes = new String[n];
        Integer[] partitions = new Integer[n];
        Long[] offsets = new Long[n];
        String[] kinds = new String[n];
        String[] levels = new String[n];
        String[] projects = new String[n];
        UUID[] items = new UUID[n];
        for (int i = 0; i < n; i++) {
            IndexedEvent event = landed.get(i);
            IndexedEvent.Facts facts = event.facts();
            ids[i] = event.eventId();
            hashes[i] = event.contentHash();
            partitions[i] = event.partition();
            offsets[i] = event.offset();
            kinds[i] = facts.kind();
            levels[i] = facts.scope().level().wireName();
            projects[i] = facts.scope().projectId();
            items[i] = facts.itemId();
        }
        return new HashSet<>(jdbc.sql("""
                        INSERT INTO dedup_index (tenant_id, event_id, content_hash, kafka_partition, kafka_offset, kind,
                            scope_level, scope_project, item_id)
                        SELECT ?, * FROM unnest(?::uuid[], ?::text[], ?::int[], ?::bigint[], ?::text[], ?::text[], ?::text[],
                            ?::uuid[])
                        ON CONFLICT (tenant_id, event_id) DO NOTHING RETURNING event_id""")
                .params(tenantId, ids, hashes, partitions, offsets, kinds, levels, projects, items)
                .query(UUID.class).list());
    }

    /** One row per entity (its last state in this request): an upsert must not touch a row twice. */
    private static void advanceHeads(JdbcClient jdbc, UUID tenantId, String userId, List<IndexedEvent> landed) {
        Map<String, IndexedEvent> last = new LinkedHashMap<>();
        landed.stream().filter(event -> event.entity() != null)
                .forEach(event -> last.merge(event.entity(), event, (a, b) -> a.offset() >= b.offset() ? a : b));
        if (last.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("INSERT INTO entity_heads (tenant_id, user_id, entity, content_hash, "
                + "event_id, kafka_partition, kafka_offset) VALUES ");
        List<Object> params = new ArrayList<>(last.size() * 7);
        for (IndexedEvent event : last.values()) {
            sql.append(params.isEmpty() ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?)");
            params.addAll(List.of(tenantId, userId, event.entity(), event.contentHash(), event.eventId(),
                    event.partition(), event.offset()));
        }
        sql.append("""
                 ON CONFLICT (tenant_id, user_id, entity) DO UPDATE SET content_hash = excluded.content_hash,
                    event_id = excluded.event_id, kafka_partition = excluded.kafka_partition,
                    kafka_offset = excluded.kafka_offset
                WHERE entity_heads.kafka_offset < excluded.kafka_offset""");
        jdbc.sql(sql.toString()).params(params).update();
    }

    private static Map<UUID, IndexedEvent> select(JdbcClient jdbc, UUID tenantId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<UUID, IndexedEvent> found = new HashMap<>();
        jdbc.sql(ENTRIES + " event_id = ANY (?)").param(tenantId).param(ids.toArray(UUID[]::new))
                .query(DedupIndex::entry).list().forEach(event -> found.put(event.eventId(), event));
        return found;
    }

    /** The entries at these offsets: the versions edits name. A race's second copy of an event is never indexed. */
    private static Map<Long, IndexedEvent> atOffsets(JdbcClient jdbc, UUID tenantId, Collection<Long> offsets) {
        if (offsets.isEmpty()) {
            return Map.of();
        }
        Map<Long, IndexedEvent> found = new HashMap<>();
        jdbc.sql(ENTRIES + " kafka_offset = ANY (?)").param(tenantId).param(offsets.toArray(Long[]::new))
                .query(DedupIndex::entry).list().forEach(event -> found.put(event.offset(), event));
        return found;
    }

    private static final String ENTRIES = """
            SELECT event_id, content_hash, kafka_partition, kafka_offset, kind, scope_level, scope_project, item_id
            FROM dedup_index WHERE tenant_id = ? AND """;

    private static IndexedEvent entry(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new IndexedEvent(rs.getObject(1, UUID.class), rs.getString(2), null, rs.getInt(3), rs.getLong(4),
                IndexedEvent.Facts.of(rs.getString(5), rs.getString(6), rs.getString(7), rs.getObject(8, UUID.class)));
    }

    private static Map<String, IndexedEvent> heads(JdbcClient jdbc, UUID tenantId, String userId,
                                                   Collection<String> entities) {
        if (entities.isEmpty()) {
            return Map.of();
        }
        Map<String, IndexedEvent> found = new HashMap<>();
        jdbc.sql("""
                        SELECT entity, event_id, content_hash, kafka_partition, kafka_offset FROM entity_heads
                        WHERE tenant_id = ? AND user_id = ? AND entity = ANY (?)""")
                .param(tenantId)
                .param(userId)
                .param(entities.toArray(String[]::new))
                .query((rs, row) -> new IndexedEvent(rs.getObject(2, UUID.class), rs.getString(3), rs.getString(1),
                        rs.getInt(4), rs.getLong(5)))
                .list()
                .forEach(event -> found.put(event.entity(), event));
        return found;
    }
}
