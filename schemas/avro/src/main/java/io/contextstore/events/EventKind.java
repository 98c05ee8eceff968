package io.contextstore.events;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of context, their wire names in the HTTP API, their payload records and who may see
 * them inside a tenant.
 */
public enum EventKind {
    MESSAGE("message", MessagePushed.class, Visibility.USER),
    TASK("task", TaskTracked.class, Visibility.USER),
    DECISION("decision", DecisionRecorded.class, Visibility.TENANT),
    LEARNING("learning", SkillLearningRecorded.class, Visibility.TENANT),
    ERROR_SOLUTION("error_solution", ErrorSolutionRecorded.class, Visibility.TENANT),
    PROJECT_CONTEXT("project_context", ProjectContextRecorded.class, Visibility.TENANT);

    /** Session-tier kinds belong to their user; org-tier kinds and project context to the whole tenant. */
    public enum Visibility { USER, TENANT }

    private final String wireName;
    private final Class<?> payloadType;
    private final Visibility visibility;

    EventKind(String wireName, Class<?> payloadType, Visibility visibility) {
        this.wireName = wireName;
        this.payloadType = payloadType;
        this.visibility = visibility;
    }

    public String wireName() {
        return wireName;
    }

    public Visibility visibility() {
        return visibility;
    }

    /** The CloudEvents {@code ce_type} of events of this kind. */
    public String cloudEventType() {
        return "io.contextstore." + payloadType.getSimpleName();
    }

    public static Optional<EventKind> fromWireName(String name) {
        return Arrays.stream(values()).filter(kind -> kind.wireName.equals(name)).findFirst();
    }

    public static EventKind of(ContextEvent event) {
        return ofPayload(event.getPayload());
    }

    public static EventKind ofPayload(Object payload) {
        return Arrays.stream(values())
                .filter(kind -> kind.payloadType.isInstance(payload))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a context payload: " + payload));
    }
}
