package io.contextstore.query.search;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.util.UUID;

/**
 * One hit. {@code cursor} is the position after the event in the tenant's partition (offset + 1,
 * as pull cursors are becoming), {@code offset} its Kafka offset; {@code snippet} marks matched
 * words with « and »; {@code data} is the kind's fields as pushed. {@code itemId}: the item the hit is a version of
 * (itself when never edited); {@code conflict}: the item has another current version too (ADR 39).
 */
record SearchHit(UUID id, String kind, long cursor, long offset, String projectId, String userId, String deviceId,
                 Instant occurredAt, String title, String snippet, float rank, @JsonRawValue String data, UUID itemId,
                 boolean conflict) {
}
