package io.contextstore.ingest.push;

import java.util.UUID;

/** A dedup index entry: content Kafka acknowledged, and where it landed. */
record IndexedEvent(String contentHash, UUID eventId, int partition, long offset) {
}
