package io.contextstore.client.hook;

import io.contextstore.client.items.Identifiers;
import io.contextstore.client.items.Item;
import io.contextstore.client.items.Kind;
import io.contextstore.client.json.Json;
import io.contextstore.client.json.JsonException;
import io.contextstore.client.json.JsonValues;
import io.contextstore.events.ContentHash;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a Claude Code style hook event ({@code hook_event_name}, {@code session_id}, {@code tool_name},
 * {@code tool_input}, {@code tool_response}, {@code cwd}) and decides what it means. Pure: text in,
 * {@link HookDecision} out, or a {@link JsonException} saying what is malformed (then nothing at all
 * is written: a TodoWrite event is taken whole or not at all).
 */
public final class HookEvents {

    public static final String TODO_WRITE = "TodoWrite";
    private static final Set<String> TODO_STATUSES = Set.of("pending", "in_progress", "completed");
    private static final int MAX_DESCRIPTION = 4_000;

    private HookEvents() {
    }

    /** @param project the project to file tasks under; null to take it from the event's {@code cwd} */
    public static HookDecision decide(String input, String project, Instant now) {
        Map<String, Object> event = Json.parseObject(input.strip());
        String eventName = JsonValues.requiredText(event, "hook_event_name");
        if (eventName.equals("SessionStart")) {
            return new HookDecision.SessionStarted(project(event, project));
        }
        if (eventName.equals("UserPromptSubmit")) {
            String prompt = event.get("prompt") instanceof String text ? text : null;
            return prompt == null || prompt.isBlank() ? new HookDecision.Ignored("a prompt without text")
                    : new HookDecision.PromptSubmitted(project(event, project), prompt);
        }
        if (!eventName.equals("PostToolUse")) {
            return new HookDecision.Ignored(eventName + " events are not recorded");
        }
        String sessionId = JsonValues.requiredText(event, "session_id");
        String toolName = JsonValues.requiredText(event, "tool_name");
        if (sessionId.isBlank() || toolName.isBlank()) {
            throw new JsonException("\"session_id\" and \"tool_name\" must not be blank");
        }
        if (!toolName.equals(TODO_WRITE)) {
            return new HookDecision.ToolUsed(sessionId, toolName, failed(event.get("tool_response")), project(event, project));
        }
        Map<String, Object> toolInput = JsonValues.object(event, "tool_input");
        List<Object> todos = toolInput == null ? null : JsonValues.array(toolInput, "todos");
        if (todos == null) {
            throw new JsonException("a TodoWrite event needs \"tool_input\": {\"todos\": [...]}");
        }
        String projectId = project(event, project);
        List<Item> items = new ArrayList<>(todos.size());
        for (int i = 0; i < todos.size(); i++) {
            items.add(task(JsonValues.asObject(todos.get(i), "todos[" + i + "]"), i, sessionId, projectId, now));
        }
        return new HookDecision.Tasks(List.copyOf(items));
    }

    private static Item task(Map<String, Object> todo, int index, String sessionId, String projectId, Instant now) {
        String content = JsonValues.text(todo, "content");
        if (content == null || content.isBlank()) {
            throw new JsonException("todos[" + index + "].content must be a non-blank string");
        }
        String status = JsonValues.text(todo, "status");
        if (status == null || !TODO_STATUSES.contains(status)) {
            throw new JsonException("todos[" + index + "].status must be one of pending, in_progress, completed");
        }
        Object id = todo.get("id");
        if (id != null && !(id instanceof String) && !(id instanceof Long)) {
            throw new JsonException("todos[" + index + "].id must be a string or an integer");
        }
        // Without an id, a todo is known by its text: the same todo in a later TodoWrite call keeps its task id.
        String todoId = id != null ? String.valueOf(id) : "todo-" + ContentHash.of(content).substring(0, 16);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("task_id", Identifiers.sanitize(sessionId + ":" + todoId));
        fields.put("description", truncate(content));
        fields.put("status", status);
        fields.put("project_id", projectId);
        return Item.of(Kind.TASK, fields, now);
    }

    /**
     * The event's {@code cwd} when it is an absolute path, else null: the directory whose profile records the event
     * (ADR 37). A {@link JsonException} when the event is not a JSON object.
     */
    public static Path directory(String input) {
        String cwd = JsonValues.text(Json.parseObject(input.strip()), "cwd");
        if (cwd == null || cwd.isBlank()) {
            return null;
        }
        try {
            Path directory = Path.of(cwd);
            return directory.isAbsolute() ? directory : null;
        } catch (InvalidPathException e) {
            throw new JsonException("\"cwd\" is not a path: " + e.getMessage());
        }
    }

    /** The {@code --project} option, or the last part of the event's {@code cwd}. */
    private static String project(Map<String, Object> event, String project) {
        return project != null ? Identifiers.sanitize(project) : projectOf(JsonValues.text(event, "cwd"));
    }

    private static String projectOf(String cwd) {
        if (cwd == null || cwd.isBlank()) {
            return null;
        }
        try {
            Path name = Path.of(cwd).getFileName();
            return name == null ? null : Identifiers.sanitize(name.toString());
        } catch (InvalidPathException e) {
            throw new JsonException("\"cwd\" is not a path: " + e.getMessage());
        }
    }

    private static boolean failed(Object response) {
        if (response instanceof Map<?, ?> map) {
            return Boolean.TRUE.equals(map.get("is_error")) || Boolean.FALSE.equals(map.get("success"));
        }
        return false;
    }

    private static String truncate(String text) {
        if (text.codePointCount(0, text.length()) <= MAX_DESCRIPTION) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, MAX_DESCRIPTION - 1)) + "…";
    }
}
