package io.contextstore.events;

import static io.contextstore.events.FieldRule.choice;
import static io.contextstore.events.FieldRule.count;
import static io.contextstore.events.FieldRule.identifier;
import static io.contextstore.events.FieldRule.optionalText;
import static io.contextstore.events.FieldRule.tags;
import static io.contextstore.events.FieldRule.text;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * The kind catalogue: every kind of context, declared once. Its Avro record (the .avsc stays the source
 * of truth for the wire), its JSON fields and their rules, its visibility and local tier, its read
 * model table and its endpoint. The parser, the hash, pulls, the typed projection, the list endpoints,
 * rebuild and verify, and the local client's kinds are all derived from here (docs/architecture.md,
 * "How to add a kind"); {@code KindCatalogueTest} and {@code KindCatalogueIT} fail when a part is missing.
 */
public enum EventKind {
    MESSAGE("message", MessagePushed.class, Visibility.USER, Tier.SESSIONS, "messages", "messages", "messages",
            List.of(), identifier("message_id"), identifier("session_id"),
            choice("role", Set.of("user", "assistant", "system", "tool")), text("content", Limits.DOCUMENT)),
    TASK("task", TaskTracked.class, Visibility.USER, Tier.SESSIONS, "tasks", "tasks", "task_events",
            List.of("task_id"), identifier("task_id"), text("description", Limits.MEDIUM),
            choice("status", Set.of("pending", "in_progress", "completed", "cancelled", "failed", "blocked")),
            optionalText("outcome", Limits.MEDIUM), count("tool_success_count"), count("tool_error_count"),
            count("user_corrections")),
    DECISION("decision", DecisionRecorded.class, Visibility.TENANT, Tier.ORG, "decisions", "decisions", "decisions",
            List.of(), text("title", Limits.SHORT), text("decision", Limits.LONG), optionalText("rationale", Limits.LONG),
            tags("tags")),
    LEARNING("learning", SkillLearningRecorded.class, Visibility.TENANT, Tier.ORG, "learnings", "skill_learnings",
            "learnings", List.of(), text("skill", Limits.SHORT), text("learning", Limits.LONG), tags("tags")),
    ERROR_SOLUTION("error_solution", ErrorSolutionRecorded.class, Visibility.TENANT, Tier.ORG, "error-solutions",
            "error_solutions", "error_solutions", List.of(), text("error", Limits.LONG), text("solution", Limits.LONG),
            optionalText("context", Limits.LONG), tags("tags")),
    PROJECT_CONTEXT("project_context", ProjectContextRecorded.class, Visibility.TENANT, Tier.PROJECTS,
            "project-context", "project_contexts", "project_context", List.of(), text("title", Limits.SHORT),
            text("content", Limits.DOCUMENT)),
    TOOL_ANALYTICS("tool_analytics", ToolUsageRecorded.class, Visibility.USER, Tier.SESSIONS, "tool-analytics",
            "tool_analytics", "tool_usage_events", List.of("session_id", "tool_name"), identifier("session_id"),
            identifier("tool_name"), count("calls"), count("errors")),
    /** An edit without content (ADR 39): withdraws the versions of an editable item its envelope's supersedes names. */
    RETRACTION("retraction", ItemRetracted.class, Visibility.TENANT, Tier.ORG, "retractions", "retractions",
            "retractions", List.of(), text("reason", Limits.MEDIUM));

    /** Session-tier kinds belong to their user; org-tier kinds and project context to the whole tenant. */
    public enum Visibility { USER, TENANT }

    /** The local SQLite tier (file) that keeps a kind on a developer's machine. */
    public enum Tier { ORG, SESSIONS, PROJECTS }

    /** Text limits, in characters. */
    public static final class Limits {
        public static final int SHORT = 500;
        public static final int MEDIUM = 4_000;
        public static final int LONG = 16_000;
        public static final int DOCUMENT = 65_536;

        private Limits() {
        }
    }

    // Built once from the enum: a kind is looked up several times per event on the push and projection paths.
    private static final Map<Class<?>, EventKind> BY_PAYLOAD = index(EventKind::payloadType);
    private static final Map<String, EventKind> BY_WIRE_NAME = index(EventKind::wireName);
    private static final Map<String, EventKind> BY_ENDPOINT = index(EventKind::endpoint);
    private static final String WIRE_NAMES = Arrays.stream(values()).map(EventKind::wireName)
            .collect(Collectors.joining(", "));

    private static <K> Map<K, EventKind> index(Function<EventKind, K> key) {
        Map<K, EventKind> byKey = new HashMap<>();
        for (EventKind kind : values()) {
            if (byKey.put(key.apply(kind), kind) != null) {
                throw new IllegalStateException("two kinds share " + key.apply(kind));
            }
        }
        return Map.copyOf(byKey);
    }

    private final String wireName;
    private final Class<?> payloadType;
    private final Visibility visibility;
    private final Tier tier;
    private final String endpoint;
    private final String table;
    private final String localTable;
    private final List<String> entityFields;
    private final List<FieldRule> fields;
    private final String cloudEventType;

    EventKind(String wireName, Class<?> payloadType, Visibility visibility, Tier tier, String endpoint, String table,
              String localTable, List<String> entityFields, FieldRule... fields) {
        this.wireName = wireName;
        this.payloadType = payloadType;
        this.visibility = visibility;
        this.tier = tier;
        this.endpoint = endpoint;
        this.table = table;
        this.localTable = localTable;
        this.entityFields = entityFields;
        this.fields = List.of(fields);
        this.cloudEventType = "io.contextstore." + payloadType.getSimpleName();
    }

    public String wireName() {
        return wireName;
    }

    public Visibility visibility() {
        return visibility;
    }

    public Tier tier() {
        return tier;
    }

    /** The path segment of its push and list endpoints under {@code /api/v1/context/}. */
    public String endpoint() {
        return endpoint;
    }

    /** The member of a list answer that holds the rows: the endpoint, as the original clients read it. */
    public String listName() {
        return endpoint.replace('-', '_');
    }

    /** Its read-model table in PostgreSQL. */
    public String table() {
        return table;
    }

    /** Its table in the local tier file. */
    public String localTable() {
        return localTable;
    }

    /** The kind's own JSON fields with their rules, without the common {@code project_id}, in Avro field order. */
    public List<FieldRule> fields() {
        return fields;
    }

    /**
     * The fields naming the entity whose state an event of this kind sets (a task's {@code task_id}):
     * a state kind's latest event per entity is its current state (ADR 2). Empty for content kinds.
     */
    public List<String> entityFields() {
        return entityFields;
    }

    /**
     * The fields sealed in the log (ADR 33), by JSON name: its text and tags. They are encrypted under the
     * key of the kind's subject: the user's own key for a user's kinds, the tenant's key for shared ones.
     */
    public List<String> sealedFields() {
        return fields.stream().filter(FieldRule::isSealed).map(FieldRule::name).toList();
    }

    public boolean isState() {
        return !entityFields.isEmpty();
    }

    /**
     * What search indexes of an event of this kind: its title-like fields (weighted above the rest) and
     * its body fields, by JSON name; its tags are indexed with the body. A kind with neither (tool
     * analytics: counts only) is not searchable.
     */
    public SearchText searchText() {
        return switch (this) {
            case MESSAGE -> new SearchText(List.of(), List.of("content"));
            case TASK -> new SearchText(List.of("description"), List.of("outcome"));
            case DECISION -> new SearchText(List.of("title"), List.of("decision", "rationale"));
            case LEARNING -> new SearchText(List.of("skill"), List.of("learning"));
            case ERROR_SOLUTION -> new SearchText(List.of("error"), List.of("solution", "context"));
            case PROJECT_CONTEXT -> new SearchText(List.of("title"), List.of("content"));
            case TOOL_ANALYTICS, RETRACTION -> new SearchText(List.of(), List.of());
        };
    }

    /**
     * Whether its items can be superseded or retracted (ADR 39): the shared content kinds. A user's own kinds are
     * not (tasks keep "last by log order"), nor is a retraction itself (supersede the item instead).
     */
    public boolean editable() {
        return switch (this) {
            case DECISION, LEARNING, ERROR_SOLUTION, PROJECT_CONTEXT -> true;
            case MESSAGE, TASK, TOOL_ANALYTICS, RETRACTION -> false;
        };
    }

    /** "decision, learning, …": the editable kinds, for messages. */
    public static String editableWireNames() {
        return Arrays.stream(values()).filter(EventKind::editable).map(EventKind::wireName)
                .collect(Collectors.joining(", "));
    }

    /** The JSON fields search reads from an event's data, title-like first. */
    public record SearchText(List<String> title, List<String> body) {

        public boolean searchable() {
            return !title.isEmpty() || !body.isEmpty();
        }
    }

    public Schema payloadSchema() {
        return SpecificData.get().getSchema(payloadType);
    }

    /** The generated payload class (what the codec trusts Avro to instantiate). */
    public Class<?> payloadType() {
        return payloadType;
    }

    /** An empty payload record, built by its constructor (not by name, which Avro's class check would refuse). */
    SpecificRecordBase newPayload() {
        try {
            return (SpecificRecordBase) payloadType.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("generated payload " + payloadType + " has no public constructor", e);
        }
    }

    /** The CloudEvents {@code ce_type} of events of this kind. */
    public String cloudEventType() {
        return cloudEventType;
    }

    public static Optional<EventKind> fromWireName(String name) {
        return Optional.ofNullable(BY_WIRE_NAME.get(name));
    }

    public static Optional<EventKind> fromEndpoint(String endpoint) {
        return Optional.ofNullable(BY_ENDPOINT.get(endpoint));
    }

    /** "message, task, …": for messages that list the kinds. */
    public static String wireNames() {
        return WIRE_NAMES;
    }

    public static EventKind of(ContextEvent event) {
        return ofPayload(event.getPayload());
    }

    public static EventKind ofPayload(Object payload) {
        EventKind kind = payload == null ? null : BY_PAYLOAD.get(payload.getClass());
        if (kind == null) {
            throw new IllegalArgumentException("not a context payload: " + payload);
        }
        return kind;
    }
}
