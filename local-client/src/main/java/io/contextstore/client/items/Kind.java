package io.contextstore.client.items;

import io.contextstore.client.tiers.Tier;
import io.contextstore.events.EventKind;
import io.contextstore.events.FieldRule;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The kinds of context the API knows, the local tier and table each one lives in, and its fields as
 * in the push table of docs/api.md ({@code tags} is a JSON array, the counts are integers).
 */
public enum Kind {
    MESSAGE("message", Tier.SESSIONS, "messages", List.of("message_id", "session_id", "role", "content")),
    TASK("task", Tier.SESSIONS, "task_events", List.of("task_id", "description", "status", "outcome",
            "tool_success_count", "tool_error_count", "user_corrections")),
    DECISION("decision", Tier.ORG, "decisions", List.of("title", "decision", "rationale", "tags")),
    LEARNING("learning", Tier.ORG, "learnings", List.of("skill", "learning", "tags")),
    ERROR_SOLUTION("error_solution", Tier.ORG, "error_solutions", List.of("error", "solution", "context", "tags")),
    PROJECT_CONTEXT("project_context", Tier.PROJECTS, "project_context", List.of("title", "content")),
    TOOL_ANALYTICS("tool_analytics", Tier.SESSIONS, "tool_usage_events", List.of("session_id", "tool_name", "calls", "errors"));

    private final String wireName;
    private final Tier tier;
    private final String table;
    private final List<String> fields;

    Kind(String wireName, Tier tier, String table, List<String> fields) {
        this.wireName = wireName;
        this.tier = tier;
        this.table = table;
        this.fields = fields;
    }

    public String wireName() {
        return wireName;
    }

    public Tier tier() {
        return tier;
    }

    public String table() {
        return table;
    }

    /** The kind's own fields, without the common {@code project_id}. */
    public List<String> fields() {
        return fields;
    }

    /** The server's catalogue entry of this kind (KindMappingTest keeps the two in step). */
    public EventKind event() {
        return EventKind.fromWireName(wireName).orElseThrow();
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
        return Arrays.stream(values()).filter(kind -> kind.wireName.equals(name)).findFirst();
    }

    public static List<Kind> of(Tier tier) {
        return Arrays.stream(values()).filter(kind -> kind.tier == tier).toList();
    }
}
