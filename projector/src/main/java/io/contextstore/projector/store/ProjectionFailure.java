package io.contextstore.projector.store;

import java.time.Instant;

/** A record the projector could not decode or apply, kept for operators (and copied to the DLQ). */
public record ProjectionFailure(int partition, long offset, String recordKey, String reason, Instant recordTimestamp) {
}
