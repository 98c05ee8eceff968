package io.contextstore.client.edits;

import io.contextstore.client.items.Kind;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A current version of an edited item, as this machine's tiers hold it after its last pull (ADR 39): its cursor (what
 * an edit names), its own id, who wrote it, and its fields (a retraction's: its reason).
 */
public record LocalVersion(String itemId, long cursor, String id, Kind kind, String userId, String deviceId,
                           String projectId, String occurredAt, Map<String, Object> data) {

    public LocalVersion {
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data)); // not Map.copyOf: a field may be null
    }

    /** As the server's history shows a version, so one reader (and {@code ctx conflicts}' printing) reads both. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", cursor);
        json.put("id", id);
        json.put("kind", kind.wireName());
        json.put("user_id", userId);
        json.put("device_id", deviceId);
        json.put("project_id", projectId);
        json.put("occurred_at", occurredAt);
        json.put("current", true);
        json.put("data", data);
        return json;
    }
}
