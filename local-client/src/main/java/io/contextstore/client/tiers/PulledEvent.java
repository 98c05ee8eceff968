package io.contextstore.client.tiers;

import io.contextstore.client.items.Kind;
import java.util.List;
import java.util.Map;

/**
 * One event of a pull page, as docs/api.md describes it; {@code data} holds the kind's fields. {@code item}: for a
 * version of an edited item (ADR 39), its item and the versions it replaced; null otherwise.
 */
public record PulledEvent(long cursor, String id, Kind kind, String userId, String deviceId, String projectId,
                          String contentHash, String occurredAt, String receivedAt, Map<String, Object> data,
                          ItemMark item) {

    /** The item a version belongs to and the versions (cursors) it replaced; {@code conflict} as of the pull. */
    public record ItemMark(String itemId, List<Long> supersedes, boolean conflict) {

        public ItemMark {
            supersedes = List.copyOf(supersedes);
        }
    }

    public PulledEvent(long cursor, String id, Kind kind, String userId, String deviceId, String projectId,
                       String contentHash, String occurredAt, String receivedAt, Map<String, Object> data) {
        this(cursor, id, kind, userId, deviceId, projectId, contentHash, occurredAt, receivedAt, data, null);
    }
}
