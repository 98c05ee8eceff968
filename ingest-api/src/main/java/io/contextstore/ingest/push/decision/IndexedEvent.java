package io.contextstore.ingest.push.decision;

import java.util.UUID;

/** A dedup index entry: an event Kafka acknowledged, and where it landed. {@code entity} is null for content kinds. */
public record IndexedEvent(UUID eventId, String contentHash, String entity, int partition, long offset) {
}
