package io.contextstore.ingest.push;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.UUID;

/**
 * The answer for one item. {@code cursor} is the Kafka offset of the event in its tenant's
 * partition: a pull that names it waits until the item is visible.
 */
record PushResult(Status status, UUID id, long cursor, String contentHash) {

    enum Status {
        @JsonProperty("created") CREATED,
        @JsonProperty("duplicate") DUPLICATE
    }

    static PushResult created(IndexedEvent event) {
        return new PushResult(Status.CREATED, event.eventId(), event.offset(), event.contentHash());
    }

    static PushResult duplicate(IndexedEvent event) {
        return new PushResult(Status.DUPLICATE, event.eventId(), event.offset(), event.contentHash());
    }

    PushResult asDuplicate() {
        return new PushResult(Status.DUPLICATE, id, cursor, contentHash);
    }
}
