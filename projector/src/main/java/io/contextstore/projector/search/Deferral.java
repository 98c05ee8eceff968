package io.contextstore.projector.search;

import java.time.Duration;

/**
 * When the search indexer takes its turn (ADR 44): at once while the projector keeps up; while it catches up, only
 * after search has waited {@code limit}, and then the wait starts again. Not thread-safe: the indexer's one thread asks.
 */
final class Deferral {

    private final long limitNanos;
    private boolean waiting;
    private long waitingSince;

    Deferral(Duration limit) {
        this.limitNanos = limit.toNanos();
    }

    /** Whether to index now, given whether the projector is catching up, at monotonic time {@code now}. */
    boolean indexNow(boolean projectorCatchingUp, long now) {
        if (!projectorCatchingUp) {
            waiting = false;
            return true;
        }
        if (!waiting) {
            waiting = true;
            waitingSince = now;
            return false;
        }
        if (now - waitingSince >= limitNanos) {
            waitingSince = now;
            return true;
        }
        return false;
    }
}
