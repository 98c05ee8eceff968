package io.contextstore.ingest.push;

import io.contextstore.platform.db.Database;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The (tenant, content hash) index that lets a retry answer {@code duplicate} without appending.
 * Rows are written only after Kafka acknowledged, so no row ever names an event missing from the log.
 */
final class DedupIndex {

    private final Database database;

    DedupIndex(Database database) {
        this.database = database;
    }

    Map<String, IndexedEvent> find(UUID tenantId, Collection<String> contentHashes) {
        return database.readInTenant(tenantId, jdbc -> select(jdbc, tenantId, contentHashes));
    }

    /**
     * Records what landed. Where a concurrent push of the same content recorded first, its entry
     * wins and is returned instead of ours, so every answer names one id.
     */
    Map<String, IndexedEvent> record(UUID tenantId, List<IndexedEvent> landed) {
        if (landed.isEmpty()) {
            return Map.of();
        }
        return database.inTenant(tenantId, jdbc -> {
            Set<String> inserted = insert(jdbc, tenantId, landed);
            Map<String, IndexedEvent> entries = new HashMap<>();
            List<String> lostRaces = new ArrayList<>();
            for (IndexedEvent event : landed) {
                if (inserted.contains(event.contentHash())) {
                    entries.put(event.contentHash(), event);
                } else {
                    lostRaces.add(event.contentHash());
                }
            }
            entries.putAll(select(jdbc, tenantId, lostRaces));
            return entries;
        });
    }

    private static Set<String> insert(JdbcClient jdbc, UUID tenantId, List<IndexedEvent> landed) {
        StringBuilder sql = new StringBuilder(
                "INSERT INTO dedup_index (tenant_id, content_hash, event_id, kafka_partition, kafka_offset) VALUES ");
        List<Object> params = new ArrayList<>(landed.size() * 5);
        for (int i = 0; i < landed.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?)");
            IndexedEvent event = landed.get(i);
            params.addAll(List.of(tenantId, event.contentHash(), event.eventId(), event.partition(), event.offset()));
        }
        sql.append(" ON CONFLICT (tenant_id, content_hash) DO NOTHING RETURNING content_hash");
        return new HashSet<>(jdbc.sql(sql.toString()).params(params).query(String.class).list());
    }

    private static Map<String, IndexedEvent> select(JdbcClient jdbc, UUID tenantId, Collection<String> hashes) {
        if (hashes.isEmpty()) {
            return Map.of();
        }
        Map<String, IndexedEvent> found = new HashMap<>();
        jdbc.sql("""
                        SELECT content_hash, event_id, kafka_partition, kafka_offset FROM dedup_index
                        WHERE tenant_id = ? AND content_hash = ANY (?)""")
                .param(tenantId)
                .param(hashes.toArray(String[]::new))
                .query((rs, row) -> new IndexedEvent(rs.getString(1), rs.getObject(2, UUID.class), rs.getInt(3),
                        rs.getLong(4)))
                .list()
                .forEach(event -> found.put(event.contentHash(), event));
        return found;
    }
}
