package io.contextstore.client.items;

import io.contextstore.client.tiers.Tier;
import io.contextstore.events.EventKind;
import io.contextstore.events.FieldRule;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The kinds of context the API knows, as this client names them: each is its entry of the server's
 * catalogue ({@link EventKind}), from which its local tier, table and fields are read, so the client
 * repeats nothing but the constant's name ({@code KindMappingTest} fails until every catalogue entry
 * has one). Fields are as in the push table of docs/api.md ({@code tags} is a JSON array, the counts
 * are integers).
 */
public enum Kind {
    MESSAGE(EventKind.MESSAGE),
    TASK(EventKind.TASK),
    DECISION(EventKind.DECISION),
    LEARNING(EventKind.LEARNING),
    ERROR_SOLUTION(EventKind.ERROR_SOLUTION),
    PROJECT_CONTEXT(EventKind.PROJECT_CONTEXT),
    TOOL_ANALYTICS(EventKind.TOOL_ANALYTICS);

    private static final Map<String, Kind> BY_WIRE_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Kind::wireName, kind -> kind));

    private final EventKind event;
    private final Tier tier;
    private final List<String> fields;

    Kind(EventKind event) {
        this.event = event;
        this.tier = Tier.valueOf(event.tier().name());
        this.fields = event.fields().stream().map(FieldRule::name).toList();
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
        return event().isState();
    }

    /** The counters the server defaults to 0, and therefore hashes even when they are absent. */
    public List<String> counts() {
        return event().fields().stream().filter(rule -> rule.type() == FieldRule.Type.COUNT).map(FieldRule::name).toList();
    }

    public static Optional<Kind> fromWireName(String name) {
        return Optional.ofNullable(BY_WIRE_NAME.get(name));
    }

    public static List<Kind> of(Tier tier) {
        return Arrays.stream(values()).filter(kind -> kind.tier == tier).toList();
    }
}
