package io.contextstore.client.sync;

import io.contextstore.client.queue.QueueCounts;

/**
 * What one sync did. {@code drain} or {@code pull} is null when that part did not run;
 * {@code stoppedBecause} says why a sync ended early (server unavailable), null when it ran through.
 */
public record SyncReport(Drainer.Result drain, Puller.Result pull, QueueCounts queueAfter, String stoppedBecause) {
}
