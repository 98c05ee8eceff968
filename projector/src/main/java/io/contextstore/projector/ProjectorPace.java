package io.contextstore.projector;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Whether the projector is catching up with its log: a poll that came back full means more records were waiting than
 * one poll takes. The search indexer yields to it then (ADR 44): a pull sees an event once it is projected, a search
 * once it is indexed, and both compete for the database's CPU.
 */
public final class ProjectorPace {

    /** A catch-up's polls follow each other within a fraction of this; a quiet log's polls stop being full at once. */
    static final Duration RECENT = Duration.ofSeconds(1);

    private final int fullPoll;
    private final LongSupplier nanoTime;
    private volatile long lastFullPoll;

    /**
     * @param fullPoll the most records one poll returns ({@code max.poll.records})
     * @param nanoTime a monotonic clock, {@code System::nanoTime} outside tests
     */
    public ProjectorPace(int fullPoll, LongSupplier nanoTime) {
        this.fullPoll = fullPoll;
        this.nanoTime = nanoTime;
        this.lastFullPoll = nanoTime.getAsLong() - RECENT.toNanos(); // as if the last full poll were just long enough ago
    }

    /** Called by each consumer thread with the size of every poll, before applying it. */
    public void polled(int records) {
        if (records >= fullPoll) {
            lastFullPoll = nanoTime.getAsLong();
        }
    }

    /** Whether some consumer thread polled a full batch within the last second. */
    public boolean catchingUp() {
        return nanoTime.getAsLong() - lastFullPoll < RECENT.toNanos();
    }
}
