package io.contextstore.client.queue;

import java.time.Instant;

/** One row of {@code sync_queue}. {@code payload} is the item's JSON exactly as it will be sent. */
public record QueuedItem(long id, String kind, String contentHash, String payload, Instant enqueuedAt, int attempts,
                         Instant nextAttemptAt, String lastError, State state, Instant deadAt) {

    public enum State {
        PENDING, DEAD;

        public String column() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
