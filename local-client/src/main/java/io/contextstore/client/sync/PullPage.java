package io.contextstore.client.sync;

import io.contextstore.client.items.Kind;
import io.contextstore.client.json.Json;
import io.contextstore.client.json.JsonException;
import io.contextstore.client.json.JsonValues;
import io.contextstore.client.tiers.PulledEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One page of {@code GET /api/v1/context/pull}. Events of kinds this client does not know are
 * counted in {@code unknownKinds} and skipped: a newer server may add kinds. {@code projects}: the projects the
 * user reads now (ADR 36), null from servers that do not say.
 */
public record PullPage(List<PulledEvent> events, long nextCursor, boolean hasMore, long watermark, int unknownKinds,
                       List<Erasure> erasures, List<String> projects) {

    /** A user erased at {@code offset} (ADR 33): this device purges what it pulled of them below it. */
    public record Erasure(long offset, String userId) {
    }

    public static PullPage parse(String body) {
        Map<String, Object> json = Json.parseObject(body);
        List<Object> events = JsonValues.array(json, "events");
        if (events == null) {
            throw new JsonException("\"events\" is required");
        }
        List<PulledEvent> parsed = new ArrayList<>(events.size());
        int unknown = 0;
        for (Object entry : events) {
            Map<String, Object> event = JsonValues.asObject(entry, "an event");
            Kind kind = Kind.fromWireName(JsonValues.requiredText(event, "kind")).orElse(null);
            if (kind == null) {
                unknown++;
                continue;
            }
            Map<String, Object> data = JsonValues.object(event, "data");
            parsed.add(new PulledEvent(JsonValues.requiredInteger(event, "cursor"), JsonValues.text(event, "id"), kind,
                    JsonValues.text(event, "user_id"), JsonValues.text(event, "device_id"),
                    JsonValues.text(event, "project_id"), JsonValues.requiredText(event, "content_hash"),
                    JsonValues.text(event, "occurred_at"), JsonValues.text(event, "received_at"),
                    data == null ? Map.of() : data, item(event), scope(event)));
        }
        Object hasMore = json.get("has_more");
        if (!(hasMore instanceof Boolean)) {
            throw new JsonException("\"has_more\" must be true or false");
        }
        Long watermark = JsonValues.integer(json, "watermark");
        List<Erasure> erasures = new ArrayList<>();
        List<Object> erased = JsonValues.array(json, "erasures"); // absent from servers before release 3
        for (Object entry : erased == null ? List.of() : erased) {
            Map<String, Object> erasure = JsonValues.asObject(entry, "an erasure");
            erasures.add(new Erasure(JsonValues.requiredInteger(erasure, "offset"), JsonValues.requiredText(erasure, "user_id")));
        }
        return new PullPage(parsed, JsonValues.requiredInteger(json, "next_cursor"), (Boolean) hasMore,
                watermark == null ? -1 : watermark, unknown, List.copyOf(erasures), projects(json));
    }

    /** An edited item's version (ADR 39); absent or null from servers before release 5 and for items never edited. */
    private static PulledEvent.ItemMark item(Map<String, Object> event) {
        Map<String, Object> item = JsonValues.object(event, "item");
        if (item == null) {
            return null;
        }
        List<Object> supersedes = JsonValues.array(item, "supersedes");
        List<Long> versions = new ArrayList<>();
        for (Object version : supersedes == null ? List.of() : supersedes) {
            if (!(version instanceof Number number)) {
                throw new JsonException("\"item.supersedes\" must hold cursors");
            }
            versions.add(number.longValue());
        }
        return new PulledEvent.ItemMark(JsonValues.requiredText(item, "id"), versions,
                Boolean.TRUE.equals(item.get("conflict")));
    }

    /** Who may read the event (ADR 36); absent from servers before it. */
    private static PulledEvent.Scope scope(Map<String, Object> event) {
        Map<String, Object> scope = JsonValues.object(event, "scope");
        return scope == null ? null : new PulledEvent.Scope(JsonValues.requiredText(scope, "level"),
                JsonValues.text(scope, "project_id"));
    }

    private static List<String> projects(Map<String, Object> json) {
        Map<String, Object> scopes = JsonValues.object(json, "scopes"); // absent from servers before ADR 36
        List<Object> projects = scopes == null ? null : JsonValues.array(scopes, "projects");
        if (projects == null) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (Object project : projects) {
            if (!(project instanceof String name)) {
                throw new JsonException("\"scopes.projects\" must hold project ids");
            }
            names.add(name);
        }
        return List.copyOf(names);
    }
}
