package io.contextstore.ingest.push.decision;

import io.contextstore.events.CanonicalJson;
import io.contextstore.events.ContentHash;
import io.contextstore.events.EventKind;
import io.contextstore.events.EventScope;
import io.contextstore.events.FieldRule;
import io.contextstore.events.Payloads;
import io.contextstore.platform.web.ApiProblem;
import io.contextstore.platform.web.JsonFields;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Turns one pushed JSON object into a {@link ContextItem}, or a 400 naming the offending field, by the
 * kind's rules in the catalogue ({@link EventKind}). One map of validated values feeds both the Avro
 * payload and the content hash, so a field can never be in one and not the other: it holds exactly the
 * validated fields, with absent optional ones and empty tags omitted (ADR 2) and counts always present.
 */
public final class ItemParser {

    /** At most this many versions named by one edit: an item in conflict has rarely more than two. */
    static final int MAX_VERSIONS = 32;

    private ItemParser() {
    }

    /** @param impliedKind the kind an endpoint such as {@code tasks/} implies, or null for the generic push */
    public static ContextItem parse(JsonNode node, String pointer, EventKind impliedKind) {
        JsonFields fields = JsonFields.of(node, pointer);
        EventKind kind = kind(fields, impliedKind);
        String projectId = kind == EventKind.PROJECT_CONTEXT
                ? fields.requiredIdentifier("project_id") : fields.optionalIdentifier("project_id");
        Instant occurredAt = fields.optionalTimestamp("occurred_at");
        Long clientSeq = fields.optionalSequence("client_seq");
        RequestedScope scope = scope(fields);
        UUID shares = shares(fields);
        Edit edit = edit(fields, kind);
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("kind", kind.wireName());
        putIfPresent(content, "project_id", projectId);
        for (FieldRule rule : kind.fields()) {
            putIfPresent(content, rule.name(), read(fields, rule));
        }
        fields.rejectUnknownMembers();
        PushedSecrets.refuse(content, fields::pointer);
        Map<String, Object> values = new LinkedHashMap<>(content);
        values.remove("kind");
        String canonical = CanonicalJson.of(content);
        return new ContextItem(kind, projectId, Payloads.build(kind, values), ContentHash.ofCanonical(canonical), occurredAt,
                clientSeq, canonical, scope.level(), shares, edit, scope.projectId());
    }

    /** A share names the personal item it widens by its id (ADR 36); not part of the content either. */
    private static UUID shares(JsonFields fields) {
        String id = fields.optionalText("shares", 36);
        return id == null ? null : itemId(id, fields.pointer("shares"));
    }

    /**
     * An edit (ADR 39): {@code supersedes: {"id": item, "versions": [cursor, ...]}} on a new version of an editable
     * item, required on a retraction. Not part of the content: the item's new text is what is hashed.
     */
    private static Edit edit(JsonFields fields, EventKind kind) {
        JsonNode node = fields.optionalObject("supersedes");
        String pointer = fields.pointer("supersedes");
        if (node == null) {
            if (kind == EventKind.RETRACTION) {
                throw ApiProblem.invalidField(pointer, "is required: the item a retraction withdraws and its versions");
            }
            return null;
        }
        if (!kind.editable() && kind != EventKind.RETRACTION) {
            throw ApiProblem.invalidField(pointer, "a " + kind.wireName() + " cannot be edited; only "
                    + EventKind.editableWireNames() + " items can");
        }
        JsonFields edit = JsonFields.of(node, pointer);
        UUID item = itemId(edit.requiredText("id", 36), edit.pointer("id"));
        JsonNode versions = edit.requiredArray("versions", MAX_VERSIONS);
        edit.rejectUnknownMembers();
        java.util.TreeSet<Long> named = new java.util.TreeSet<>();
        for (int i = 0; i < versions.size(); i++) {
            JsonNode version = versions.get(i);
            if (!version.isIntegralNumber() || !version.canConvertToLong() || version.longValue() < 1) {
                throw ApiProblem.invalidField(edit.pointer("versions") + "/" + i,
                        "must be a version: the cursor (a positive integer) a push or the item's history gave");
            }
            named.add(version.longValue());
        }
        return new Edit(item, List.copyOf(named));
    }

    private static UUID itemId(String id, String pointer) {
        try {
            UUID parsed = UUID.fromString(id);
            if (parsed.toString().equals(id.toLowerCase(java.util.Locale.ROOT))) {
                return parsed;
            }
        } catch (IllegalArgumentException e) {
            // named below
        }
        throw ApiProblem.invalidField(pointer, "must be an item id (a UUID)");
    }

    /** A requested scope: its level (null: the default) and the project it names (null: none). */
    private record RequestedScope(EventScope.Level level, String projectId) {
    }

    /**
     * The scope an item asks for (ADR 36), not part of its content: {@code "personal"}, {@code "project"} or
     * {@code "tenant"}, or the same as {@code {"level": ..., "project_id": ...}}, which may name the project of a
     * project scope (a share into a project its item does not name).
     */
    private static RequestedScope scope(JsonFields fields) {
        JsonNode node = fields.optional("scope");
        if (node == null) {
            return new RequestedScope(null, null);
        }
        if (!node.isObject()) {
            return new RequestedScope(level(fields.optionalText("scope", 16), fields.pointer("scope")), null);
        }
        JsonFields scope = JsonFields.of(node, fields.pointer("scope"));
        EventScope.Level level = level(scope.requiredText("level", 16), scope.pointer("level"));
        String projectId = scope.optionalIdentifier("project_id");
        scope.rejectUnknownMembers();
        if (projectId != null && level != EventScope.Level.PROJECT) {
            throw ApiProblem.invalidField(scope.pointer("project_id"), "only a \"project\" scope names a project");
        }
        return new RequestedScope(level, projectId);
    }

    private static EventScope.Level level(String named, String pointer) {
        return named == null ? null : EventScope.Level.fromWireName(named).orElseThrow(() ->
                ApiProblem.invalidField(pointer, "must be one of " + EventScope.Level.wireNames()));
    }

    private static Object read(JsonFields fields, FieldRule rule) {
        return switch (rule.type()) {
            case TEXT -> rule.required() ? fields.requiredText(rule.name(), rule.maxLength())
                    : fields.optionalText(rule.name(), rule.maxLength());
            case IDENTIFIER -> rule.required() ? fields.requiredIdentifier(rule.name()) : fields.optionalIdentifier(rule.name());
            case CHOICE -> fields.requiredChoice(rule.name(), rule.choices());
            case COUNT -> fields.count(rule.name());
            case TAGS -> {
                List<String> tags = fields.tags(rule.name());
                yield tags.isEmpty() ? null : tags;
            }
        };
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
                "must be one of " + EventKind.wireNames()));
    }

    private static void putIfPresent(Map<String, Object> content, String name, Object value) {
        if (value != null) {
            content.put(name, value);
        }
    }
}
