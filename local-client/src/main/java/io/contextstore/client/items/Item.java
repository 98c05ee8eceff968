package io.contextstore.client.items;

import io.contextstore.client.json.Json;
import io.contextstore.client.json.JsonException;
import io.contextstore.events.ContentHash;
import io.contextstore.events.EventIdentity;
import io.contextstore.events.EventKind;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One piece of context to push. {@code content} is what the server hashes (docs/api.md, Identity):
 * {@code kind}, {@code project_id} and the kind's fields, with absent members, {@code ""} and empty
 * {@code tags} left out and the task counters defaulted to 0 as the server does (ADR 14). {@code occurredAt} is delivery
 * metadata: sent, never hashed.
 */
public record Item(Kind kind, Map<String, Object> content, Instant occurredAt, Edit edit) {

    /**
     * What an edit replaces (ADR 39): the item (the id of its first version) and the versions (cursors). Sent as
     * {@code supersedes}, never hashed: the new version's content is what it says.
     */
    public record Edit(String itemId, List<Long> versions) {

        public Edit {
            versions = List.copyOf(versions);
        }

        Map<String, Object> json() {
            return Map.of("id", itemId, "versions", versions);
        }
    }

    public Item {
        content = Map.copyOf(content);
    }

    public Item(Kind kind, Map<String, Object> content, Instant occurredAt) {
        this(kind, content, occurredAt, null);
    }

    /** The same item as a new version of, or (a retraction) withdrawing, what {@code edit} names. */
    public Item editing(Edit replaced) {
        return new Item(kind, content, occurredAt, replaced);
    }

    /** An item from the kind's fields ({@code project_id} among them, or not); nulls and {@code ""} mean absent. */
    public static Item of(Kind kind, Map<String, ?> fields, Instant occurredAt) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("kind", kind.wireName());
        fields.forEach((name, value) -> {
            if (value != null && !"".equals(value) && !(name.equals("tags") && value instanceof List<?> tags && tags.isEmpty())) {
                content.put(name, value);
            }
        });
        for (String count : kind.counts()) {
            content.putIfAbsent(count, 0L);
        }
        return new Item(kind, content, occurredAt);
    }

    /**
     * An item as a script wrote it, in the shape of the generic push ({@code kind} plus members).
     * Only the shape is checked here; the server is the judge of the fields, and an item it refuses
     * goes to the dead state with its reason.
     */
    public static Item fromJson(Map<String, Object> json) {
        Object kindName = json.get("kind");
        if (!(kindName instanceof String name)) {
            throw new JsonException("\"kind\" is required: one of " + EventKind.wireNames());
        }
        Kind kind = Kind.fromWireName(name).orElseThrow(() -> new JsonException("unknown kind \"" + name + "\""));
        Map<String, Object> fields = new LinkedHashMap<>(json);
        fields.remove("kind");
        fields.remove("client_seq");
        Object occurred = fields.remove("occurred_at");
        Instant occurredAt = null;
        if (occurred != null) {
            try {
                occurredAt = Instant.parse(String.valueOf(occurred));
            } catch (DateTimeParseException e) {
                throw new JsonException("\"occurred_at\" must be an RFC 3339 timestamp");
            }
        }
        Edit edit = edit(fields.remove("supersedes"));
        Item item = of(kind, fields, occurredAt);
        return edit == null ? item : item.editing(edit);
    }

    /** {@code supersedes} as a script or the queue wrote it; the server judges the values. */
    private static Edit edit(Object supersedes) {
        if (supersedes == null) {
            return null;
        }
        if (!(supersedes instanceof Map<?, ?> edit) || !(edit.get("id") instanceof String id)
                || !(edit.get("versions") instanceof List<?> versions)
                || !versions.stream().allMatch(v -> v instanceof Number)) {
            throw new JsonException("\"supersedes\" must be {\"id\": \"<item id>\", \"versions\": [<cursor>, ...]}");
        }
        return new Edit(id, versions.stream().map(v -> ((Number) v).longValue()).toList());
    }

    public String contentHash() {
        return ContentHash.of(content);
    }

    /** The JSON object sent to the server: the content plus {@code occurred_at} and, for an edit, {@code supersedes}. */
    public String payload() {
        if (occurredAt == null && edit == null) {
            return Json.write(content);
        }
        Map<String, Object> payload = new LinkedHashMap<>(content);
        if (occurredAt != null) {
            payload.put("occurred_at", occurredAt.toString());
        }
        if (edit != null) {
            payload.put("supersedes", edit.json());
        }
        return Json.write(payload);
    }

    /**
     * What a state kind's item sets the state of ({@code task/<task_id>}, named as the server names it,
     * ADR 2), or null for content kinds: a later item of the same entity is a new state, not a repeat.
     */
    public String entity() {
        return EventIdentity.entity(kind.event(), content::get).orElse(null);
    }

    public String projectId() {
        return (String) content.get("project_id");
    }

    /**
     * A short human-readable line for listings: the kinds a person reads most get their own line; any other
     * kind (one added to the catalogue with no client code) shows its fields as {@code name: value}.
     */
    public String summary() {
        Object head = switch (kind.event()) {
            case MESSAGE -> content.get("content");
            case TASK -> content.get("status") + ": " + content.get("description");
            case DECISION, PROJECT_CONTEXT -> content.get("title");
            case LEARNING -> content.get("skill");
            case ERROR_SOLUTION -> content.get("error");
            case TOOL_ANALYTICS -> content.get("tool_name") + ": " + content.get("calls") + " calls, " + content.get("errors")
                    + " errors in session " + content.get("session_id");
            default -> kind.fields().stream().filter(content::containsKey)
                    .map(field -> field + ": " + content.get(field)).collect(Collectors.joining(", "));
        };
        return Summaries.shorten(String.valueOf(head));
    }
}
