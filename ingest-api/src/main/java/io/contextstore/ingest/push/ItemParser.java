package io.contextstore.ingest.push;

import io.contextstore.events.ContentHash;
import io.contextstore.events.DecisionRecorded;
import io.contextstore.events.ErrorSolutionRecorded;
import io.contextstore.events.EventKind;
import io.contextstore.events.MessagePushed;
import io.contextstore.events.ProjectContextRecorded;
import io.contextstore.events.SkillLearningRecorded;
import io.contextstore.events.TaskTracked;
import io.contextstore.platform.web.ApiProblem;
import io.contextstore.platform.web.JsonFields;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Turns one pushed JSON object into a {@link ContextItem}, or a 400 naming the offending field.
 * The content that is hashed holds exactly the validated fields, with absent optional ones omitted.
 */
final class ItemParser {

    static final Set<String> MESSAGE_ROLES = Set.of("user", "assistant", "system", "tool");
    static final Set<String> TASK_STATUSES = Set.of("pending", "in_progress", "completed", "cancelled", "failed", "blocked");
    private static final int SHORT = 500;
    private static final int MEDIUM = 4_000;
    private static final int LONG = 16_000;
    private static final int DOCUMENT = 65_536;

    private ItemParser() {
    }

    /** @param impliedKind the kind an endpoint such as {@code tasks/} implies, or null for the generic push */
    static ContextItem parse(JsonNode node, String pointer, EventKind impliedKind) {
        JsonFields fields = JsonFields.of(node, pointer);
        EventKind kind = kind(fields, impliedKind);
        String projectId = kind == EventKind.PROJECT_CONTEXT
                ? fields.requiredIdentifier("project_id") : fields.optionalIdentifier("project_id");
        Instant occurredAt = fields.optionalTimestamp("occurred_at");
        Long clientSeq = fields.optionalSequence("client_seq");
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("kind", kind.wireName());
        putIfPresent(content, "project_id", projectId);
        Object payload = switch (kind) {
            case MESSAGE -> message(fields, content);
            case TASK -> task(fields, content, projectId);
            case DECISION -> decision(fields, content);
            case LEARNING -> learning(fields, content);
            case ERROR_SOLUTION -> errorSolution(fields, content);
            case PROJECT_CONTEXT -> projectContext(fields, content);
        };
        fields.rejectUnknownMembers();
        return new ContextItem(kind, projectId, payload, ContentHash.of(content), occurredAt, clientSeq);
    }

    private static EventKind kind(JsonFields fields, EventKind impliedKind) {
        String named = fields.optionalText("kind", 64);
        if (impliedKind != null) {
            if (named != null && !named.equals(impliedKind.wireName())) {
                throw ApiProblem.invalidField(fields.pointer("kind"), "must be \"" + impliedKind.wireName()
                        + "\" on this endpoint, or left out");
            }
            return impliedKind;
        }
        if (named == null) {
            throw ApiProblem.invalidField(fields.pointer("kind"), "is required");
        }
        return EventKind.fromWireName(named).orElseThrow(() -> ApiProblem.invalidField(fields.pointer("kind"),
                "must be one of message, task, decision, learning, error_solution, project_context"));
    }

    private static MessagePushed message(JsonFields fields, Map<String, Object> content) {
        MessagePushed message = new MessagePushed(
                put(content, "message_id", fields.requiredIdentifier("message_id")),
                put(content, "session_id", fields.requiredIdentifier("session_id")),
                put(content, "role", fields.requiredChoice("role", MESSAGE_ROLES)),
                put(content, "content", fields.requiredText("content", DOCUMENT)));
        return message;
    }

    private static TaskTracked task(JsonFields fields, Map<String, Object> content, String projectId) {
        return new TaskTracked(
                put(content, "task_id", fields.requiredIdentifier("task_id")),
                put(content, "description", fields.requiredText("description", MEDIUM)),
                put(content, "status", fields.requiredChoice("status", TASK_STATUSES)),
                putIfPresent(content, "outcome", fields.optionalText("outcome", MEDIUM)),
                projectId,
                put(content, "tool_success_count", fields.count("tool_success_count")),
                put(content, "tool_error_count", fields.count("tool_error_count")),
                put(content, "user_corrections", fields.count("user_corrections")));
    }

    private static DecisionRecorded decision(JsonFields fields, Map<String, Object> content) {
        return new DecisionRecorded(
                put(content, "title", fields.requiredText("title", SHORT)),
                put(content, "decision", fields.requiredText("decision", LONG)),
                putIfPresent(content, "rationale", fields.optionalText("rationale", LONG)),
                tags(fields, content));
    }

    private static SkillLearningRecorded learning(JsonFields fields, Map<String, Object> content) {
        return new SkillLearningRecorded(
                put(content, "skill", fields.requiredText("skill", SHORT)),
                put(content, "learning", fields.requiredText("learning", LONG)),
                tags(fields, content));
    }

    private static ErrorSolutionRecorded errorSolution(JsonFields fields, Map<String, Object> content) {
        return new ErrorSolutionRecorded(
                put(content, "error", fields.requiredText("error", LONG)),
                put(content, "solution", fields.requiredText("solution", LONG)),
                putIfPresent(content, "context", fields.optionalText("context", LONG)),
                tags(fields, content));
    }

    private static ProjectContextRecorded projectContext(JsonFields fields, Map<String, Object> content) {
        return new ProjectContextRecorded(
                put(content, "title", fields.requiredText("title", SHORT)),
                put(content, "content", fields.requiredText("content", DOCUMENT)));
    }

    private static List<String> tags(JsonFields fields, Map<String, Object> content) {
        List<String> tags = fields.tags("tags");
        if (!tags.isEmpty()) {
            content.put("tags", tags);
        }
        return tags;
    }

    private static <T> T put(Map<String, Object> content, String name, T value) {
        content.put(name, value);
        return value;
    }

    private static <T> T putIfPresent(Map<String, Object> content, String name, T value) {
        if (value != null) {
            content.put(name, value);
        }
        return value;
    }
}
