package io.contextstore.client.legacy;

import io.contextstore.client.items.Item;
import io.contextstore.client.items.Kind;
import io.contextstore.client.json.Json;
import io.contextstore.client.json.JsonException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Maps a row of the original queue to an item of ours, or says why it cannot. The original queued
 * {@code json.dumps(asdict(task))} without an action ({@code CloudSyncClient._queue_for_later}) and
 * {@code (action, json.dumps(payload))} ({@code OfflineSyncManager.queue_item}); actions are not
 * specified there, so an action is read as a kind when it names one (as a kind, an endpoint, or
 * {@code push_<kind>}), and otherwise the kind is told from the payload's fields.
 */
public final class LegacyMapping {

    /** A mapped row, or the reason it was not mapped. */
    public sealed interface Mapped permits Mapped.ToItem, Mapped.Refused {
        record ToItem(Item item) implements Mapped {
        }

        record Refused(String reason) implements Mapped {
        }
    }

    private static final Map<String, Kind> ENDPOINTS = Map.of("tasks", Kind.TASK, "messages", Kind.MESSAGE,
            "decisions", Kind.DECISION, "learnings", Kind.LEARNING, "error-solutions", Kind.ERROR_SOLUTION,
            "error_solutions", Kind.ERROR_SOLUTION, "project-context", Kind.PROJECT_CONTEXT);

    private LegacyMapping() {
    }

    public static Mapped map(LegacyRow row) {
        Map<String, Object> payload;
        try {
            payload = Json.parseObject(row.payload() == null ? "" : row.payload());
        } catch (JsonException e) {
            return new Mapped.Refused("payload is not a JSON object (" + e.getMessage() + ")");
        }
        Optional<Kind> kind = fromAction(row.action()).or(() -> fromPayload(payload));
        if (kind.isEmpty()) {
            return new Mapped.Refused((named(row.action()) ? "unknown action \"" + row.action() + "\", and " : "")
                    + "cannot tell the kind of context from its fields " + payload.keySet());
        }
        Map<String, Object> fields = new LinkedHashMap<>(payload);
        fields.remove("kind");
        return new Mapped.ToItem(Item.of(kind.get(), fields, null));
    }

    private static boolean named(String action) {
        return action != null && !action.isBlank();
    }

    static Optional<Kind> fromAction(String action) {
        if (!named(action)) {
            return Optional.empty();
        }
        String name = action.trim().toLowerCase(Locale.ROOT).replaceFirst("^(push|sync)[_-]", "");
        return Kind.fromWireName(name).or(() -> Optional.ofNullable(ENDPOINTS.get(name)))
                .or(() -> Kind.fromWireName(name.replace('-', '_')));
    }

    static Optional<Kind> fromPayload(Map<String, Object> payload) {
        if (payload.get("kind") instanceof String kind) {
            return Kind.fromWireName(kind);
        }
        if (payload.containsKey("task_id")) {
            return Optional.of(Kind.TASK);
        }
        if (payload.containsKey("message_id") || payload.containsKey("session_id") && payload.containsKey("role")) {
            return Optional.of(Kind.MESSAGE);
        }
        if (payload.containsKey("decision")) {
            return Optional.of(Kind.DECISION);
        }
        if (payload.containsKey("learning")) {
            return Optional.of(Kind.LEARNING);
        }
        if (payload.containsKey("error") && payload.containsKey("solution")) {
            return Optional.of(Kind.ERROR_SOLUTION);
        }
        if (payload.containsKey("project_id") && payload.containsKey("title") && payload.containsKey("content")) {
            return Optional.of(Kind.PROJECT_CONTEXT);
        }
        return Optional.empty();
    }
}
