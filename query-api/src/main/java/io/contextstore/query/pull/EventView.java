package io.contextstore.query.pull;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.util.UUID;

/**
 * One event as a pull shows it: {@code cursor} is the position after it (a pull from it continues with
 * the next event), {@code offset} its Kafka offset; {@code data} is the kind's fields, as pushed.
 */
public record EventView(long cursor, long offset, UUID id, String kind, String userId, String deviceId, String projectId,
                 String contentHash, Long clientSeq, Instant occurredAt, Instant receivedAt, @JsonRawValue String data) {
}
