package io.contextstore.projector.store;

import io.contextstore.events.ContextEvent;
import io.contextstore.events.EventKind;
import io.contextstore.events.FieldRule;
import io.contextstore.platform.db.MultiRowInsert;
import io.contextstore.projector.projection.KeptEvent;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Each kind's table, derived from the catalogue ({@link EventKind}): one multi-row INSERT per kind per
 * tenant and batch. A content kind's table has a row per kept event; a state kind's table (tasks) keeps
 * the latest state per user and entity by log order. Columns are named after the kind's fields.
 */
final class TypedRows {

    private static final List<String> EVENT_COLUMNS =
            List.of("tenant_id", "kafka_offset", "event_id", "user_id", "device_id", "project_id", "occurred_at");
    private static final Map<EventKind, MultiRowInsert<KeptEvent>> INSERTS = new EnumMap<>(EventKind.class);

    static {
        for (EventKind kind : EventKind.values()) {
            INSERTS.put(kind, kind.isState() ? stateInsert(kind) : eventInsert(kind));
        }
    }

    private TypedRows() {
    }

    /** The content kinds' inserts for these events, to run as parts of one statement. */
    static List<MultiRowInsert.Fragment> fragments(List<KeptEvent> kept) {
        return insertsByKind(kept.stream().filter(k -> !k.kind().isState()).toList());
    }

    /** The state kinds' upserts for the latest state of each entity a batch touched. */
    static List<MultiRowInsert.Fragment> stateFragments(List<KeptEvent> latestStates) {
        return insertsByKind(latestStates);
    }

    /** One insert per kind present, in catalogue order, its rows in the order given. */
    private static List<MultiRowInsert.Fragment> insertsByKind(List<KeptEvent> rows) {
        Map<EventKind, List<KeptEvent>> byKind = new EnumMap<>(EventKind.class);
        for (KeptEvent row : rows) {
            byKind.computeIfAbsent(row.kind(), kind -> new ArrayList<>()).add(row);
        }
        List<MultiRowInsert.Fragment> fragments = new ArrayList<>(byKind.size());
        byKind.forEach((kind, ofKind) -> fragments.add(INSERTS.get(kind).fragment(ofKind)));
        return fragments;
    }

    /** A row per event: the event's coordinates and envelope, then the kind's fields. */
    private static MultiRowInsert<KeptEvent> eventInsert(EventKind kind) {
        List<String> fields = kind.fields().stream().map(FieldRule::name).toList();
        List<String> columns = new ArrayList<>(EVENT_COLUMNS);
        columns.addAll(fields);
        return MultiRowInsert.into(kind.table(), kept -> {
            ContextEvent e = kept.event();
            List<Object> values = new ArrayList<>(List.of(e.getTenantId(), kept.offset(), e.getEventId(),
                    e.getUserId(), e.getDeviceId()));
            values.add(e.getProjectId());
            values.add(e.getOccurredAt());
            fields.forEach(field -> values.add(column(kept.data().get(field))));
            return values.toArray();
        }, columns.toArray(String[]::new));
    }

    /** The latest state per (tenant, user, entity): a later offset replaces an earlier one, never the reverse. */
    private static MultiRowInsert<KeptEvent> stateInsert(EventKind kind) {
        List<String> fields = Stream.concat(kind.fields().stream().map(FieldRule::name), Stream.of("project_id")).toList();
        List<String> columns = new ArrayList<>(List.of("tenant_id", "user_id"));
        columns.addAll(fields);
        columns.addAll(List.of("device_id", "last_offset", "updated_at"));
        List<String> key = Stream.concat(Stream.of("tenant_id", "user_id"), kind.entityFields().stream()).toList();
        String updates = String.join(", ", columns.stream().filter(c -> !key.contains(c)).map(c -> c + " = excluded." + c).toList());
        return MultiRowInsert.<KeptEvent>into(kind.table(), kept -> {
            ContextEvent e = kept.event();
            List<Object> values = new ArrayList<>(List.of(e.getTenantId(), e.getUserId()));
            kind.fields().forEach(field -> values.add(column(kept.data().get(field.name()))));
            values.add(e.getProjectId());
            values.addAll(List.of(e.getDeviceId(), kept.offset(), e.getOccurredAt()));
            return values.toArray();
        }, columns.toArray(String[]::new)).then("ON CONFLICT (" + String.join(", ", key) + ") DO UPDATE SET " + updates
                + " WHERE " + kind.table() + ".last_offset < excluded.last_offset");
    }

    private static Object column(Object value) {
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toArray(String[]::new) : value;
    }
}
