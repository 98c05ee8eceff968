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
 * metadata: sent, never hashed; so are {@code edit}, the {@code scope} asked for and, for a share, {@code shares} (the id
 * of the personal item it widens, ADR 36).
 */
public record Item(Kind kind, Map<String, Object> content, Instant occurredAt, Edit edit, Scope scope, String shares) {

    /**
     * The scope an item asks for (ADR 36): {@code personal}, {@code project} or {@code tenant}, and for a share into a
     * project its item does not name, that project. Sent as {@code "scope": "<level>"}, or as
     * {@code {"level": ..., "project_id": ...}} when it names a project.
     */
    public record Scope(String level, String projectId) {

        public static Scope of(String level) {
            return new Scope(level, null);
        }

        Object json() {
            return projectId == null ? level : Map.of("level", level, "project_id", projectId);
        }
    }

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
        this(kind, content, occurredAt, null, null, null);
    }

    /** The same item as a new version of, or (a retraction) withdrawing, what {@code edit} names. */
    public Item editing(Edit replaced) {
        return new Item(kind, content, occurredAt, replaced, scope, shares);
    }

    /** The same item asking for a scope (null: the server's default): where an item is read is not what it says. */
    public Item scoped(Scope asked) {
        return new Item(kind, content, occurredAt, edit, asked, shares);
    }

    /** A share of the personal item {@code id} with this content (ADR 36), readable as {@code widened} says. */
    public Item sharing(String id, Scope widened) {
        return new Item(kind, content, occurredAt, edit, widened, id);
    }

    /** The same item with other content (redacted), its delivery metadata kept. */
    public Item withContent(Map<String, Object> changed) {
        return new Item(kind, changed, occurredAt, edit, scope, shares);
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
        Scope scope = scope(fields.remove("scope"));
        Object shares = fields.remove("shares");
        if (shares != null && !(shares instanceof String)) {
            throw new JsonException("\"shares\" must be an item id");
        }
        return new Item(kind, of(kind, fields, occurredAt).content(), occurredAt, edit, scope, (String) shares);
    }

    /** {@code scope} as a script or the queue wrote it: a level, or {@code {"level": ..., "project_id": ...}}. */
    private static Scope scope(Object scope) {
        if (scope == null || scope instanceof String) {
            return scope == null ? null : Scope.of((String) scope);
        }
        if (scope instanceof Map<?, ?> named && named.get("level") instanceof String level
                && (named.get("project_id") == null || named.get("project_id") instanceof String)) {
            return new Scope(level, (String) named.get("project_id"));
        }
        throw new JsonException("\"scope\" must be \"personal\", \"project\", \"tenant\" or {\"level\": ..., \"project_id\": ...}");
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

    /**
     * The JSON object sent to the server: the content plus {@code occurred_at}, the {@code scope} asked for and, for an
     * edit, {@code supersedes}.
     */
    public String payload() {
        if (occurredAt == null && edit == null && scope == null && shares == null) {
            return Json.write(content);
        }
        Map<String, Object> payload = new LinkedHashMap<>(content);
        if (occurredAt != null) {
            payload.put("occurred_at", occurredAt.toString());
        }
        if (scope != null) {
            payload.put("scope", scope.json());
        }
        if (shares != null) {
            payload.put("shares", shares);
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

    /**
     * What the queue holds one pending item of per content (ADR 2, {@code SyncQueue}): a state kind's entity (a task),
     * or — for an item asking for a scope, or sharing one — its content with that scope and share, so a personal and
     * a tenant-wide copy, or shares into two projects, are two items while a repeated share is one. Null: the content
     * alone.
     */
    public String queueKey() {
        String entity = entity();
        if (entity != null || scope == null && shares == null) {
            return entity;
        }
        return "content/" + contentHash() + "/scope/" + (scope == null ? "-" : scope.level() + "/" + scope.projectId())
                + "/shares/" + (shares == null ? "-" : shares);
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
