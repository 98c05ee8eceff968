package io.contextstore.client.queue;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When to try a failed item again: exponential in the number of attempts, capped, with "equal
 * jitter" (half the delay fixed, half random) so that many devices coming back after one outage do
 * not retry in step. A server's {@code Retry-After} is a floor.
 */
public record Backoff(Duration base, Duration cap, RandomGenerator random) {

    public static Backoff standard(RandomGenerator random) {
        return new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(10), random);
    }

    /**
     * @param attempts   attempts made so far, this failure included (1 after the first failure)
     * @param retryAfter what the server asked for, or null
     */
    public Duration delay(int attempts, Duration retryAfter) {
        long capMillis = cap.toMillis();
        int doublings = Math.max(0, Math.min(attempts - 1, 30));
        long exponential = Math.min(capMillis, base.toMillis() << doublings);
        long half = exponential / 2;
        long jittered = half + random.nextLong(exponential - half + 1);
        long floor = retryAfter == null ? 0 : Math.min(retryAfter.toMillis(), capMillis);
        return Duration.ofMillis(Math.max(jittered, floor));
    }
}
