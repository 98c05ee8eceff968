package io.contextstore.ingest.push;

import io.contextstore.events.EventKind;
import io.contextstore.ingest.push.decision.ContextItem;
import io.contextstore.ingest.push.decision.ItemParser;
import io.contextstore.ingest.push.decision.PushContext;
import io.contextstore.platform.auth.AccessToken;
import io.contextstore.platform.web.ApiProblem;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Reads a push body: one item object, or {@code {"items": [...]}} with 1 to {@code maxItems} items.
 * Every item is validated before anything is written, so one bad item rejects the whole request.
 */
final class PushRequests {

    private PushRequests() {
    }

    static PushContext read(JsonNode body, EventKind impliedKind, int maxItems, AccessToken token) {
        if (body.isObject() && body.has("items")) {
            return new PushContext(token.tenantId(), token.userId(), token.deviceId(),
                    batch(body, impliedKind, maxItems), true);
        }
        ContextItem item = ItemParser.parse(body, "", impliedKind);
        return new PushContext(token.tenantId(), token.userId(), token.deviceId(), List.of(item), false);
    }

    /** A share (ADR 36): one item, naming in {@code shares} the personal item of the caller it widens. */
    static PushContext share(JsonNode body, AccessToken token) {
        if (body.isObject() && body.has("items")) {
            throw ApiProblem.invalidField("/items", "a share is one item, not a batch");
        }
        ContextItem item = ItemParser.parse(body, "", null);
        if (item.shares() == null) {
            throw ApiProblem.invalidField("/shares", "is required: the id of your personal item to share");
        }
        return new PushContext(token.tenantId(), token.userId(), token.deviceId(), List.of(item), false);
    }

    private static List<ContextItem> batch(JsonNode body, EventKind impliedKind, int maxItems) {
        for (String name : body.propertyNames()) {
            if (!name.equals("items")) {
                throw ApiProblem.invalidField("/" + name, "is not a known field of a batch (only \"items\")");
            }
        }
        JsonNode items = body.get("items");
        if (!items.isArray() || items.isEmpty() || items.size() > maxItems) {
            throw ApiProblem.invalidField("/items", "must be an array of 1 to " + maxItems + " items");
        }
        List<ContextItem> parsed = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            parsed.add(ItemParser.parse(items.get(i), "/items/" + i, impliedKind));
        }
        return parsed;
    }
}
