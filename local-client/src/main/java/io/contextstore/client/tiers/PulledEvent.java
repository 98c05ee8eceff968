package io.contextstore.client.tiers;

import io.contextstore.client.items.Kind;
import java.util.Map;

/** One event of a pull page, as docs/api.md describes it; {@code data} holds the kind's fields. */
public record PulledEvent(long cursor, String id, Kind kind, String userId, String deviceId, String projectId,
                          String contentHash, String occurredAt, String receivedAt, Map<String, Object> data) {
}
