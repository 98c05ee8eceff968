package io.contextstore.query.lists.decision;

import io.contextstore.events.EventKind;
import io.contextstore.query.ItemMarks;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The per-kind read models, derived from the catalogue and paged by cursor: a row's {@code cursor} is
 * the position after its event (Kafka offset + 1), and {@code ?cursor=c} returns the rows at offsets
 * from c on; a state kind's rows (tasks) by the position of their latest change, so a client syncing
 * incrementally sees every change once. What a caller reads of them is the row-level security policies' to say.
 */
public final class Listing {

    private static final Map<EventKind, String> SQL = new EnumMap<>(EventKind.class);

    static {
        for (EventKind kind : EventKind.values()) {
            SQL.put(kind, kind.isState() ? stateSql(kind) : eventSql(kind));
        }
    }

    private Listing() {
    }

    /**
     * Parameters: tenant, cursor, limit. Which rows the caller reads (their own personal ones, the projects they are
     * in, the tenant's) is the database's to say: the tables' row-level security policies (ADR 36).
     */
    public static String sql(EventKind kind) {
        return SQL.get(kind);
    }

    /**
     * An editable kind's rows are its items' current versions (ADR 39: the projector keeps no other in the table), each
     * with its item's id and whether the item is in conflict; a row's cursor is its version.
     */
    private static String eventSql(EventKind kind) {
        String edits = kind.editable() ? ", " + ItemMarks.itemId("t") + " AS item_id, " + ItemMarks.conflict() + " AS conflict" : "";
        return "SELECT t.kafka_offset + 1 AS cursor, t.event_id AS id, t.user_id, t.device_id, t.project_id, t.occurred_at, "
                + fields(kind, "t.") + edits + " FROM " + kind.table() + " t" + (kind.editable() ? ItemMarks.join("t") : "")
                + " WHERE t.tenant_id = ? AND t.kafka_offset >= ? ORDER BY t.kafka_offset LIMIT ?";
    }

    private static String stateSql(EventKind kind) {
        return "SELECT last_offset + 1 AS cursor, " + fields(kind, "") + ", project_id, user_id, device_id, updated_at FROM "
                + kind.table() + " WHERE tenant_id = ? AND last_offset >= ? ORDER BY last_offset LIMIT ?";
    }

    private static String fields(EventKind kind, String alias) {
        return kind.fields().stream().map(field -> alias + field.name()).collect(Collectors.joining(", "));
    }

}
