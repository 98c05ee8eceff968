package io.contextstore.ingest.push;

import io.contextstore.ingest.push.decision.IndexedEvent;
import io.contextstore.ingest.push.decision.PushDecider.Known;
import io.contextstore.platform.db.Database;
import io.contextstore.platform.db.OneTrip;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The index that lets a retry answer {@code duplicate} without appending: events by id, and the current
 * state of each entity of a state kind per user. Rows are written only after Kafka acknowledged, so no
 * row ever names an event missing from the log. Each step of a push is one fixed sequence of statements, so each
 * runs in one round trip ({@link Database#inTenantInOneTrip}): the look-up, and the record of what landed.
 */
final class DedupIndex {

    private static final String ENTRIES = """
            SELECT event_id, content_hash, kafka_partition, kafka_offset, kind, scope_level, scope_project, item_id
            FROM dedup_index WHERE tenant_id = ? AND\s""";

    /** A push's events, by id: the tenant, then the ids (V15 keeps its plan to one probe an id). */
    static final String BY_ID = ENTRIES + "event_id = ANY (?)";

    /** The entries at some positions, the versions edits name: the tenant, then the offsets. */
    static final String BY_OFFSET = ENTRIES + "kafka_offset = ANY (?)";

    private final Database database;

    DedupIndex(Database database) {
        this.database = database;
    }

    /**
     * What the index holds of a push's events and entities.
     * @param offsets positions edits name as versions (ADR 39): looked up only when there are any
     */
    Known find(UUID tenantId, String userId, Collection<UUID> eventIds, Collection<String> entities,
               Collection<Long> offsets) {
        OneTrip.Statement<Map<UUID, IndexedEvent>> byId = eventIds.isEmpty() ? null : byId(tenantId, eventIds);
        OneTrip.Statement<Map<String, IndexedEvent>> heads = entities.isEmpty() ? null : heads(tenantId, userId, entities);
        OneTrip.Statement<Map<Long, IndexedEvent>> byOffset = offsets.isEmpty() ? null : byOffset(tenantId, offsets);
        List<OneTrip.Statement<?>> reads = OneTrip.present(byId, heads, byOffset);
        OneTrip.Answers answers = reads.isEmpty() ? OneTrip.Answers.NONE : database.inTenantInOneTrip(tenantId, reads);
        return new Known(answers.of(byId, Map.of()), answers.of(heads, Map.of()), answers.of(byOffset, Map.of()));
    }

    /**
     * Records what landed. Where a concurrent push of the same event recorded first, its entry wins and is returned
     * instead of ours, so every answer names one id and offset. An entity's state moves only forward in the log.
     */
    Map<UUID, IndexedEvent> record(UUID tenantId, String userId, List<IndexedEvent> landed) {
        if (landed.isEmpty()) {
            return Map.of();
        }
        OneTrip.Statement<Set<UUID>> insert = insert(tenantId, landed);
        Set<UUID> inserted = database.inTenantInOneTrip(tenantId,
                OneTrip.present(insert, advanceHeads(tenantId, userId, landed))).of(insert);
        Map<UUID, IndexedEvent> entries = new HashMap<>();
        List<UUID> lostRaces = new ArrayList<>();
        for (IndexedEvent event : landed) {
            if (inserted.contains(event.eventId())) {
                entries.put(event.eventId(), event);
            } else {
                lostRaces.add(event.eventId());
            }
        }
        if (!lostRaces.isEmpty()) {
            // the winners' rows are committed: an insert that meets an uncommitted one waits for its commit to yield
            OneTrip.Statement<Map<UUID, IndexedEvent>> winners = byId(tenantId, lostRaces);
            entries.putAll(database.inTenantInOneTrip(tenantId, List.of(winners)).of(winners));
        }
        return entries;
    }

    /**
     * One array per column, however many events: a statement with nine parameters a row spent its time binding
     * and planning thousands of them (a batch of 1,000 had 9,000).
     */
    private static OneTrip.Statement<Set<UUID>> insert(UUID tenantId, List<IndexedEvent> landed) {
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
        return new OneTrip.Statement<>("""
                INSERT INTO dedup_index (tenant_id, event_id, content_hash, kafka_partition, kafka_offset, kind,
                    scope_level, scope_project, item_id)
                SELECT ?, * FROM unnest(?::uuid[], ?::text[], ?::int[], ?::bigint[], ?::text[], ?::text[], ?::text[],
                    ?::uuid[])
                ON CONFLICT (tenant_id, event_id) DO NOTHING RETURNING event_id""",
                List.of(tenantId, ids, hashes, partitions, offsets, kinds, levels, projects, items), rs -> {
                    Set<UUID> inserted = new HashSet<>();
                    while (rs.next()) {
                        inserted.add(rs.getObject(1, UUID.class));
                    }
                    return inserted;
                });
    }

    /** One row per entity (its last state in this request): an upsert must not touch a row twice. Null: none. */
    private static OneTrip.Statement<Void> advanceHeads(UUID tenantId, String userId, List<IndexedEvent> landed) {
        Map<String, IndexedEvent> last = new LinkedHashMap<>();
        landed.stream().filter(event -> event.entity() != null)
                .forEach(event -> last.merge(event.entity(), event, (a, b) -> a.offset() >= b.offset() ? a : b));
        if (last.isEmpty()) {
            return null;
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
        return OneTrip.Statement.write(sql.toString(), params);
    }

    private static OneTrip.Statement<Map<UUID, IndexedEvent>> byId(UUID tenantId, Collection<UUID> ids) {
        return OneTrip.Statement.keyed(BY_ID, List.of(tenantId, ids.toArray(UUID[]::new)),
                DedupIndex::entry, IndexedEvent::eventId);
    }

    /** The entries at these offsets: the versions edits name. A race's second copy of an event is never indexed. */
    private static OneTrip.Statement<Map<Long, IndexedEvent>> byOffset(UUID tenantId, Collection<Long> offsets) {
        return OneTrip.Statement.keyed(BY_OFFSET,
                List.of(tenantId, offsets.toArray(Long[]::new)), DedupIndex::entry, IndexedEvent::offset);
    }

    private static IndexedEvent entry(ResultSet rs, int row) throws SQLException {
        return new IndexedEvent(rs.getObject(1, UUID.class), rs.getString(2), null, rs.getInt(3), rs.getLong(4),
                IndexedEvent.Facts.of(rs.getString(5), rs.getString(6), rs.getString(7), rs.getObject(8, UUID.class)));
    }

    private static OneTrip.Statement<Map<String, IndexedEvent>> heads(UUID tenantId, String userId,
                                                                       Collection<String> entities) {
        return OneTrip.Statement.keyed("""
                SELECT entity, event_id, content_hash, kafka_partition, kafka_offset FROM entity_heads
                WHERE tenant_id = ? AND user_id = ? AND entity = ANY (?)""",
                List.of(tenantId, userId, entities.toArray(String[]::new)),
                (rs, row) -> new IndexedEvent(rs.getObject(2, UUID.class), rs.getString(3), rs.getString(1), rs.getInt(4),
                        rs.getLong(5)), IndexedEvent::entity);
    }
}
