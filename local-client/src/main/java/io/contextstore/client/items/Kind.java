package io.contextstore.client.items;

import io.contextstore.client.tiers.Tier;
import io.contextstore.events.EventKind;
import io.contextstore.events.FieldRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The kinds of context the API knows, as this client names them: one per entry of the server's catalogue
 * ({@link EventKind}), made from it, so a new kind of the catalogue is a kind of the client with no line
 * here. Tier, local table and fields are read from the entry. The named constants are only the kinds that
 * client code refers to by name (a command that pushes them, a summary, the hook's tool totals); a kind no
 * code names needs none. Fields are as in the push table of docs/api.md ({@code tags} is a JSON array, the
 * counts are integers).
 */
public final class Kind {

    // Declared before the constants: they are looked up in it while the class initializes.
    private static final Map<EventKind, Kind> BY_EVENT = byEvent();
    private static final List<Kind> ALL = List.copyOf(BY_EVENT.values());

    public static final Kind MESSAGE = of(EventKind.MESSAGE);
    public static final Kind TASK = of(EventKind.TASK);
    public static final Kind DECISION = of(EventKind.DECISION);
    public static final Kind LEARNING = of(EventKind.LEARNING);
    public static final Kind ERROR_SOLUTION = of(EventKind.ERROR_SOLUTION);
    public static final Kind PROJECT_CONTEXT = of(EventKind.PROJECT_CONTEXT);
    public static final Kind TOOL_ANALYTICS = of(EventKind.TOOL_ANALYTICS);

    private final EventKind event;
    private final Tier tier;
    private final List<String> fields;
    private final List<String> counts;
    private final List<String> searched;

    private Kind(EventKind event) {
        this.event = event;
        this.tier = Tier.valueOf(event.tier().name());
        this.fields = event.fields().stream().map(FieldRule::name).toList();
        this.counts = event.fields().stream().filter(rule -> rule.type() == FieldRule.Type.COUNT).map(FieldRule::name).toList();
        this.searched = searched(event);
    }

    private static List<String> searched(EventKind event) {
        List<String> columns = new ArrayList<>(event.searchText().title());
        columns.addAll(event.searchText().body());
        if (!columns.isEmpty()) {
            event.fields().stream().filter(rule -> rule.type() == FieldRule.Type.TAGS).map(FieldRule::name).forEach(columns::add);
        }
        return List.copyOf(columns);
    }

    private static Map<EventKind, Kind> byEvent() {
        Map<EventKind, Kind> kinds = new EnumMap<>(EventKind.class);
        Arrays.stream(EventKind.values()).forEach(event -> kinds.put(event, new Kind(event)));
        return kinds;
    }

    /** The client's kind of a catalogue entry: one instance per entry, so kinds compare with {@code ==}. */
    public static Kind of(EventKind event) {
        return BY_EVENT.get(event);
    }

    /** Every kind, in catalogue order. */
    public static List<Kind> values() {
        return ALL;
    }

    public String wireName() {
        return event.wireName();
    }

    public Tier tier() {
        return tier;
    }

    public String table() {
        return event.localTable();
    }

    /** The kind's own fields, without the common {@code project_id}. */
    public List<String> fields() {
        return fields;
    }

    /** The server's catalogue entry of this kind. */
    public EventKind event() {
        return event;
    }

    /** A state kind (tasks, tool analytics): its rows are states of an entity, which may repeat (ADR 2). */
    public boolean isState() {
        return event.isState();
    }

    /**
     * The columns of its local full-text index, in the index's order: the catalogue's title-like fields,
     * its body fields, then its tags; empty for a kind with nothing to search (tool analytics).
     */
    public List<String> searched() {
        return searched;
    }

    /** The counters the server defaults to 0, and therefore hashes even when they are absent. */
    public List<String> counts() {
        return counts;
    }

    public static Optional<Kind> fromWireName(String name) {
        return EventKind.fromWireName(name).map(Kind::of);
    }

    public static List<Kind> of(Tier tier) {
        return ALL.stream().filter(kind -> kind.tier == tier).toList();
    }

    @Override
    public String toString() {
        return event.name();
    }
}
