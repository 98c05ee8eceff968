package io.contextstore.client.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(10), new SplittableRandom(42));

    @Test
    void theDelayDoublesWithEachAttemptWithinItsJitterBand() {
        for (int attempt = 1; attempt <= 8; attempt++) {
            long full = 2_000L << (attempt - 1);
            for (int sample = 0; sample < 50; sample++) {
                assertThat(backoff.delay(attempt, null).toMillis()).isBetween(full / 2, full);
            }
        }
    }

    @Test
    void theDelayIsCappedHoweverManyAttemptsFailed() {
        for (int attempt : new int[] {20, 31, 64, 1_000_000}) {
            assertThat(backoff.delay(attempt, null)).isBetween(Duration.ofMinutes(5), Duration.ofMinutes(10));
        }
    }

    @Test
    void jitterSpreadsDevicesThatFailedTogether() {
        long distinct = java.util.stream.IntStream.range(0, 100).mapToLong(i -> backoff.delay(5, null).toMillis()).distinct().count();

        assertThat(distinct).isGreaterThan(50);
    }

    @Test
    void theServersRetryAfterIsAFloorButNotBeyondTheCap() {
        RandomGenerator lowest = new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public long nextLong(long bound) {
                return 0;
            }
        };
        Backoff alwaysShortest = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(10), lowest);

        assertThat(alwaysShortest.delay(1, Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
        assertThat(alwaysShortest.delay(1, null)).isEqualTo(Duration.ofSeconds(1));
        assertThat(alwaysShortest.delay(1, Duration.ofHours(5))).isEqualTo(Duration.ofMinutes(10));
    }
}
