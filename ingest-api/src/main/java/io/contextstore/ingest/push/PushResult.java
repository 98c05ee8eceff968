package io.contextstore.ingest.push;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.contextstore.ingest.push.decision.IndexedEvent;
import java.util.UUID;

/**
 * The answer for one item. {@code cursor} is the position just after the event in its tenant's
 * partition (its Kafka offset + 1, ADR 8): a pull with {@code wait_for} set to it waits until the item
 * is visible, and a pull from it returns what came after.
 */
record PushResult(Status status, UUID id, long cursor, String contentHash) {

    enum Status {
        @JsonProperty("created") CREATED,
        @JsonProperty("duplicate") DUPLICATE
    }

    static PushResult created(IndexedEvent event) {
        return new PushResult(Status.CREATED, event.eventId(), event.offset() + 1, event.contentHash());
    }

    static PushResult duplicate(IndexedEvent event) {
        return new PushResult(Status.DUPLICATE, event.eventId(), event.offset() + 1, event.contentHash());
    }

    PushResult withContentHash(String hash) {
        return new PushResult(status, id, cursor, hash);
    }

    PushResult asDuplicate() {
        return new PushResult(Status.DUPLICATE, id, cursor, contentHash);
    }
}
