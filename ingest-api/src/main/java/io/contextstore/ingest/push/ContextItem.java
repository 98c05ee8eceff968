package io.contextstore.ingest.push;

import io.contextstore.events.EventKind;
import java.time.Instant;

/**
 * One validated piece of context. {@code contentHash} identifies its content (kind, project and the
 * kind's fields); {@code occurredAt} and {@code clientSeq} describe its delivery and are not hashed,
 * so the same content sent twice, from any device, is one event.
 */
record ContextItem(EventKind kind, String projectId, Object payload, String contentHash, Instant occurredAt,
                   Long clientSeq) {
}
