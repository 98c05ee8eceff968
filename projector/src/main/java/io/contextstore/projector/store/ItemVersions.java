package io.contextstore.projector.store;

import io.contextstore.events.EventKind;
import io.contextstore.platform.db.MultiRowInsert;
import io.contextstore.projector.projection.ItemEdits;
import io.contextstore.projector.projection.ItemState;
import io.contextstore.projector.projection.KeptEvent;
import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The adapter around {@link ItemEdits} (ADR 39), in the batch's transaction after its events are written: reads the
 * items the batch's edits name, writes the versions of the items they changed that are new or stopped being current
 * to {@code item_versions}, and removes the versions that stopped being current from their kinds' tables and from
 * search. A batch without edits costs nothing, and an edit's writes do not grow with its item's history.
 */
final class ItemVersions {

    private record Row(UUID tenant, UUID itemId, EventKind kind, ItemState.Version version) {
    }

    /**
     * The named items before the batch, and whether each version {@code item_versions} holds is current, by offset: a
     * version it does not hold is new in the batch, or the first version of an item never edited before.
     */
    private record Known(Map<UUID, ItemState> items, Map<Long, Boolean> stored) {

        /** Whether the version's row must be written: it has none yet, or it stopped being current. */
        boolean changed(ItemState.Version version) {
            Boolean current = stored.get(version.offset());
            return current == null || current != version.current();
        }
    }

    private static final MultiRowInsert<Row> VERSIONS = MultiRowInsert.<Row>into("item_versions",
            row -> new Object[] {row.tenant(), row.version().offset(), row.itemId(), row.version().eventId(), row.kind().wireName(),
                    row.version().retraction(), row.version().supersedes().toArray(Long[]::new), row.version().current()},
            "tenant_id", "kafka_offset", "item_id", "event_id", "kind", "retraction", "supersedes", "current")
            .then("ON CONFLICT (tenant_id, kafka_offset) DO UPDATE SET current = excluded.current");

    private ItemVersions() {
    }

    static void apply(JdbcClient jdbc, Connection connection, UUID tenant, List<KeptEvent> kept) {
        Set<UUID> named = ItemEdits.named(kept);
        if (named.isEmpty()) {
            return;
        }
        Known known = read(jdbc, tenant, named);
        Map<UUID, ItemState> changed = ItemEdits.plan(kept, known.items());
        if (changed.isEmpty()) {
            return;
        }
        List<Row> rows = new ArrayList<>();
        Map<String, List<Long>> replaced = new LinkedHashMap<>();
        // a version replaced by an earlier batch is written and removed already: only the batch's changes are written
        changed.values().forEach(item -> item.versions().stream().filter(known::changed).forEach(version -> {
            rows.add(new Row(tenant, item.itemId(), item.kind(), version));
            if (!version.current()) {
                String table = (version.retraction() ? EventKind.RETRACTION : item.kind()).table();
                replaced.computeIfAbsent(table, t -> new ArrayList<>()).add(version.offset());
            }
        }));
        VERSIONS.execute(connection, rows);
        if (replaced.isEmpty()) {
            return;
        }
        // taken first, the indexer either indexed a replaced version already (deleted below) or sees it is not current
        SearchIndexLock.take(jdbc, tenant);
        List<Long> all = new ArrayList<>();
        replaced.forEach((table, offsets) -> {
            all.addAll(offsets);
            jdbc.sql("DELETE FROM " + table + " WHERE tenant_id = ? AND kafka_offset = ANY (?)")
                    .params(tenant, offsets.toArray(Long[]::new)).update();
        });
        jdbc.sql("DELETE FROM search_documents WHERE tenant_id = ? AND kafka_offset = ANY (?)")
                .params(tenant, all.toArray(Long[]::new)).update();
    }

    /** The named items before the batch: their versions, or, for an item never edited, its one event. */
    private static Known read(JdbcClient jdbc, UUID tenant, Set<UUID> named) {
        UUID[] ids = named.toArray(UUID[]::new);
        Map<UUID, EventKind> kinds = new HashMap<>();
        Map<UUID, List<ItemState.Version>> versions = new LinkedHashMap<>();
        Map<Long, Boolean> stored = new HashMap<>();
        jdbc.sql("""
                        SELECT item_id, kind, kafka_offset, event_id, retraction, supersedes, current FROM item_versions
                        WHERE tenant_id = ? AND item_id = ANY (?) ORDER BY item_id, kafka_offset""")
                .params(tenant, ids)
                .query(rs -> {
                    UUID item = rs.getObject(1, UUID.class);
                    kinds.put(item, kind(rs.getString(2)));
                    ItemState.Version version = new ItemState.Version(rs.getLong(3), rs.getObject(4, UUID.class),
                            rs.getBoolean(5), longs(rs.getArray(6)), rs.getBoolean(7));
                    versions.computeIfAbsent(item, i -> new ArrayList<>()).add(version);
                    stored.put(version.offset(), version.current());
                });
        Map<UUID, ItemState> items = new HashMap<>();
        versions.forEach((item, ofItem) -> items.put(item, new ItemState(item, kinds.get(item), ofItem)));
        // never edited: an event is an item unless it is a version of another (ItemEdits: whatever the batches)
        jdbc.sql("""
                        SELECT e.event_id, e.kind, e.kafka_offset FROM context_events e
                        WHERE e.tenant_id = ? AND e.event_id = ANY (?)
                          AND NOT EXISTS (SELECT FROM item_versions v WHERE v.tenant_id = e.tenant_id
                                          AND v.kafka_offset = e.kafka_offset)""")
                .params(tenant, ids)
                .query(rs -> {
                    UUID event = rs.getObject(1, UUID.class);
                    items.putIfAbsent(event, ItemState.original(event, kind(rs.getString(2)), rs.getLong(3)));
                });
        return new Known(items, stored);
    }

    private static EventKind kind(String wireName) {
        return EventKind.fromWireName(wireName).orElseThrow(() ->
                new IllegalStateException("the read model holds an unknown kind: " + wireName));
    }

    private static List<Long> longs(Array array) {
        try {
            return List.of((Long[]) array.getArray());
        } catch (SQLException e) {
            throw new IllegalStateException("unreadable supersedes", e);
        }
    }
}
