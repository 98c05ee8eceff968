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
 * incrementally sees every change once. Private kinds show a member only their own rows.
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

    /** Parameters: tenant, cursor, then for private kinds (sees all users?, user), then the limit. */
    public static String sql(EventKind kind) {
        return SQL.get(kind);
    }

    public static boolean userScoped(EventKind kind) {
        return kind.visibility() == EventKind.Visibility.USER;
    }

    private static String eventSql(EventKind kind) {
        return "SELECT kafka_offset + 1 AS cursor, event_id AS id, user_id, device_id, project_id, occurred_at, "
                + fields(kind) + " FROM " + kind.table() + " WHERE tenant_id = ? AND kafka_offset >= ?"
                + (userScoped(kind) ? " AND (? OR user_id = ?)" : "") + " ORDER BY kafka_offset LIMIT ?";
    }

    private static String stateSql(EventKind kind) {
        return "SELECT last_offset + 1 AS cursor, " + fields(kind) + ", project_id, user_id, device_id, updated_at FROM "
                + kind.table() + " WHERE tenant_id = ? AND last_offset >= ?"
                + (userScoped(kind) ? " AND (? OR user_id = ?)" : "") + " ORDER BY last_offset LIMIT ?";
    }

    private static String fields(EventKind kind) {
        return kind.fields().stream().map(FieldRule::name).collect(Collectors.joining(", "));
    }

}
