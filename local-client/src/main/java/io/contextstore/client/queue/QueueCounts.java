package io.contextstore.client.queue;

import java.time.Instant;

/** The size of the queue: pending items, dead items, the oldest pending one and the next due attempt. */
public record QueueCounts(long pending, long dead, Instant oldestPending, Instant nextAttempt) {
}
