package io.contextstore.query.lists.decision;

import io.contextstore.events.EventKind;
import io.contextstore.events.FieldRule;
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

    private static String eventSql(EventKind kind) {
        return "SELECT kafka_offset + 1 AS cursor, event_id AS id, user_id, device_id, project_id, occurred_at, "
                + fields(kind) + " FROM " + kind.table() + " WHERE tenant_id = ? AND kafka_offset >= ?"
                + " ORDER BY kafka_offset LIMIT ?";
    }

    private static String stateSql(EventKind kind) {
        return "SELECT last_offset + 1 AS cursor, " + fields(kind) + ", project_id, user_id, device_id, updated_at FROM "
                + kind.table() + " WHERE tenant_id = ? AND last_offset >= ? ORDER BY last_offset LIMIT ?";
    }

    private static String fields(EventKind kind) {
        return kind.fields().stream().map(FieldRule::name).collect(Collectors.joining(", "));
    }

}
