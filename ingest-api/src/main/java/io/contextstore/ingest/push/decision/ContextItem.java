package io.contextstore.ingest.push.decision;

import io.contextstore.events.EventIdentity;
import io.contextstore.events.EventKind;
import java.time.Instant;

/**
 * One validated piece of context. {@code contentHash} identifies its content (kind, project and the
 * kind's fields); {@code occurredAt} and {@code clientSeq} describe its delivery and are not hashed,
 * so the same content sent twice, from any device, is one event. {@code entity} names what a state
 * kind's item sets the state of (a task), null for content kinds.
 */
public record ContextItem(EventKind kind, String projectId, Object payload, String contentHash, Instant occurredAt,
                   Long clientSeq, String entity) {

    public ContextItem(EventKind kind, String projectId, Object payload, String contentHash, Instant occurredAt, Long clientSeq) {
        this(kind, projectId, payload, contentHash, occurredAt, clientSeq, EventIdentity.entity(payload).orElse(null));
    }
}
