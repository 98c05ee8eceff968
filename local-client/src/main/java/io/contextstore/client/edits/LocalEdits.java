package io.contextstore.client.edits;

import io.contextstore.client.LocalContext;
import io.contextstore.client.items.Item;
import io.contextstore.client.items.Kind;
import io.contextstore.client.json.Json;
import io.contextstore.client.search.Entry;
import io.contextstore.client.search.LocalSearch;
import io.contextstore.client.tiers.Edits;
import io.contextstore.client.tiers.Tier;
import io.contextstore.events.EventKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Edits made on this machine (ADR 39), for {@code ctx edit}/{@code ctx retract} and the MCP tools alike: a new
 * version, or a retraction, of a row this machine holds, naming its item and every version of it the machine holds
 * (the row, and the other side of a conflict: so editing an item in conflict resolves it). Queued like any push.
 */
public final class LocalEdits {

    /** Why an edit cannot be made here; the message says what to do. */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    private final LocalContext context;
    private final LocalSearch search;

    public LocalEdits(LocalContext context, LocalSearch search) {
        this.context = context;
        this.search = search;
    }

    /** The row's item with {@code changes} applied (tags: a list, or comma-separated text); other fields kept. */
    public Item newVersion(Entry entry, Map<String, ?> changes) {
        check(entry);
        Map<String, Object> row = search.fields(entry);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("project_id", entry.project());
        for (String field : entry.kind().fields()) {
            fields.put(field, field.equals("tags") ? tags(row.get(field) == null ? null : Json.parse(String.valueOf(row.get(field))))
                    : row.get(field));
        }
        changes.forEach((field, value) -> {
            if (!entry.kind().fields().contains(field)) {
                throw new Refused("a " + entry.kind().wireName() + " has no field " + field + " (its fields: "
                        + String.join(", ", entry.kind().fields()) + ")");
            }
            fields.put(field, field.equals("tags") ? tags(value) : value);
        });
        return Item.of(entry.kind(), fields, context.clock().instant()).editing(replaced(entry));
    }

    /** A retraction of the row's item, with the reason; it keeps the item's project (and so its scope). */
    public Item retraction(Entry entry, String reason) {
        check(entry);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("project_id", entry.project());
        fields.put("reason", reason);
        return Item.of(Kind.of(EventKind.RETRACTION), fields, context.clock().instant()).editing(replaced(entry));
    }

    private static void check(Entry entry) {
        if (!entry.kind().event().editable()) {
            throw new Refused("a " + entry.kind().wireName() + " cannot be edited; only " + EventKind.editableWireNames()
                    + " items can");
        }
        if (!entry.confirmed()) {
            throw new Refused("item " + entry.id() + " is not on the server yet: sync, then edit it");
        }
    }

    private static List<String> tags(Object value) {
        if (value == null) {
            return List.of();
        }
        List<?> tags = value instanceof List<?> list ? list : List.of(String.valueOf(value).split(","));
        return tags.stream().map(tag -> String.valueOf(tag).trim()).filter(tag -> !tag.isEmpty()).toList();
    }

    /**
     * The row's item and every version of it this machine holds (both sides of a conflict, a retraction among them),
     * by cursor.
     */
    private Item.Edit replaced(Entry entry) {
        Tier tier = entry.kind().tier();
        return context.tier(tier).read(c -> {
            String item = Edits.itemOf(c, entry.id());
            return new Item.Edit(item, Edits.versions(c, tier, item));
        });
    }
}
