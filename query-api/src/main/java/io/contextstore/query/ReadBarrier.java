package io.contextstore.query;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * {@code wait_for} and {@code timeout_ms}: before reading, wait (bounded) until the read side has
 * reached a position, such as the cursor a push answered. A push's cursor so becomes a
 * read-your-writes barrier for any device, for pulls and for searches alike.
 *
 * @param position the position to wait for, or null for no wait
 */
public record ReadBarrier(Long position, Duration timeout) {

    /** No wait: read what is there. */
    public static final ReadBarrier NONE = new ReadBarrier(null, Duration.ZERO);

    public static ReadBarrier from(QueryParameters parameters, QueryProperties properties) {
        long waitFor = parameters.longValue("wait_for", -1, 0, Long.MAX_VALUE);
        long timeoutMs = parameters.longValue("timeout_ms", properties.defaultWait().toMillis(), 0,
                properties.maxWait().toMillis());
        return new ReadBarrier(waitFor < 0 ? null : waitFor, Duration.ofMillis(timeoutMs));
    }

    /** Returns when {@code watermark} reaches the position, the timeout passes or the thread is interrupted. */
    public void await(LongSupplier watermark, Duration poll) {
        if (position == null) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (watermark.getAsLong() < position && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Math.min(poll.toNanos(), Math.max(0, deadline - System.nanoTime())));
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }
}
