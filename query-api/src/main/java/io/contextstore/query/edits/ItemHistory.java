package io.contextstore.query.edits;

import io.contextstore.events.EventKind;
import io.contextstore.platform.web.ApiProblem;
import io.contextstore.query.edits.decision.ItemPath;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import com.fasterxml.jackson.annotation.JsonRawValue;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads items' versions as the caller (ADR 39): every version of one item, or the current versions of the items in
 * conflict. Versions come from {@code item_versions} with their events from {@code context_events}, both under
 * row-level security; an item never edited has no versions row, and its one event is its history.
 */
final class ItemHistory {

    /** An item and its versions, oldest first; {@code current} lists the current versions (cursors). */
    record History(UUID itemId, String kind, boolean conflict, boolean retracted, List<Long> current, List<Version> versions) {
    }

    /** One version: {@code version} is its cursor, {@code id} its event; {@code data} its content (a retraction's reason). */
    record Version(long version, UUID id, String kind, String userId, String deviceId, String projectId,
                   Instant occurredAt, List<Long> supersedes, boolean current, @JsonRawValue String data) {

        boolean retraction() {
            return kind.equals(EventKind.RETRACTION.wireName());
        }
    }

    private static final String VERSION_COLUMNS = """
            e.kafka_offset, e.event_id, e.kind, e.user_id, e.device_id, e.project_id, e.occurred_at, e.data::text""";

    private ItemHistory() {
    }

    static History of(JdbcClient jdbc, ItemPath path) {
        List<Version> versions = jdbc.sql("SELECT " + VERSION_COLUMNS + ", v.item_id, v.supersedes, v.current, v.kind AS item_kind"
                        + " FROM item_versions v JOIN context_events e ON e.tenant_id = v.tenant_id AND e.kafka_offset = v.kafka_offset"
                        + " WHERE v.item_id = ? AND v.kind = ? ORDER BY v.kafka_offset")
                .params(path.itemId(), path.kind().wireName()).query(ItemHistory::version).list();
        if (versions.isEmpty()) { // never edited: the item is its one event, unless that event is a version of another
            versions = jdbc.sql("SELECT " + VERSION_COLUMNS + ", NULL::bigint[] AS supersedes, true AS current FROM context_events e"
                            + " WHERE e.event_id = ? AND e.kind = ? AND NOT EXISTS (SELECT FROM item_versions o"
                            + " WHERE o.tenant_id = e.tenant_id AND o.kafka_offset = e.kafka_offset)")
                    .params(path.itemId(), path.kind().wireName()).query(ItemHistory::version).list();
        }
        if (versions.isEmpty()) {
            throw ApiProblem.notFound("no " + path.kind().wireName() + " " + path.itemId() + " that you can read");
        }
        return history(path.itemId(), path.kind().wireName(), versions);
    }

    /** The items in conflict, oldest conflict first, each with its current versions. */
    static List<History> conflicts(JdbcClient jdbc, int limit) {
        Map<UUID, List<Version>> byItem = new LinkedHashMap<>();
        Map<UUID, String> kinds = new LinkedHashMap<>();
        jdbc.sql("SELECT " + VERSION_COLUMNS + ", v.item_id, v.supersedes, v.current, v.kind AS item_kind"
                        + " FROM item_versions v JOIN context_events e ON e.tenant_id = v.tenant_id AND e.kafka_offset = v.kafka_offset"
                        + " WHERE v.current AND v.item_id IN (SELECT c.item_id FROM item_versions c WHERE c.current"
                        + " GROUP BY c.item_id HAVING count(*) > 1 ORDER BY max(c.kafka_offset) LIMIT ?)"
                        + " ORDER BY v.item_id, v.kafka_offset")
                .param(limit)
                .query(rs -> {
                    UUID item = rs.getObject("item_id", UUID.class);
                    kinds.put(item, rs.getString("item_kind"));
                    byItem.computeIfAbsent(item, i -> new ArrayList<>()).add(version(rs, 0));
                });
        List<History> conflicts = new ArrayList<>();
        byItem.forEach((item, versions) -> conflicts.add(history(item, kinds.get(item), versions)));
        conflicts.sort(java.util.Comparator.comparingLong(h -> h.current().get(h.current().size() - 1)));
        return conflicts;
    }

    private static History history(UUID itemId, String kind, List<Version> versions) {
        List<Version> current = versions.stream().filter(Version::current).toList();
        return new History(itemId, kind, current.size() > 1, current.size() == 1 && current.get(0).retraction(),
                current.stream().map(Version::version).toList(), versions);
    }

    private static Version version(ResultSet rs, int row) throws SQLException {
        java.sql.Array supersedes = rs.getArray("supersedes");
        return new Version(rs.getLong("kafka_offset") + 1, rs.getObject("event_id", UUID.class), rs.getString("kind"),
                rs.getString("user_id"), rs.getString("device_id"), rs.getString("project_id"),
                rs.getTimestamp("occurred_at").toInstant(), supersedes == null ? List.of() : List.of((Long[]) supersedes.getArray()),
                rs.getBoolean("current"), rs.getString("data"));
    }
}
