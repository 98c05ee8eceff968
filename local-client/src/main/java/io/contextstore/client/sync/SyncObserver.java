package io.contextstore.client.sync;

import io.contextstore.client.queue.QueuedItem;
import io.contextstore.client.tiers.Tier;
import java.util.List;

/**
 * What a sync reports while it runs: progress for a terminal, and fixed points a test can stop at
 * (a batch about to be sent; a batch the server answered, before the queue has recorded it).
 */
public interface SyncObserver {

    SyncObserver NONE = new SyncObserver() {
    };

    default void draining(long pending) {
    }

    default void sending(List<QueuedItem> batch) {
    }

    default void answered(List<QueuedItem> batch, PushOutcome outcome) {
    }

    default void acknowledged(int items) {
    }

    default void dead(QueuedItem item, String reason) {
    }

    default void warning(String message) {
    }

    default void pulled(Tier tier, int events, long cursor) {
    }
}
