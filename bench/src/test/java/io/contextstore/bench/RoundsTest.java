package io.contextstore.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RoundsTest {

    @Test
    void warmUpRoundsGoOnWhileTheCompilerWorksAndStopOnceItHasSettled() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        AtomicLong compiled = new AtomicLong();
        // the compiler works for a whole second during each of the first three runs, then not at all
        Rounds<Double> rounds = new Rounds<Double>(3, 10, compiled::get).add("figure", () -> {
            if (calls.incrementAndGet() <= 3) {
                compiled.addAndGet(1000);
            }
            return 1.0;
        }, Double::doubleValue);

        rounds.run();

        assertThat(calls).hasValue(4 + 3);
        assertThat(rounds.described()).startsWith("Medians of 3 alternating rounds after 4 discarded warm-up rounds")
                .contains("worked for 0.0 s of the measured rounds");
    }

    @Test
    void aCompilerThatNeverSettlesEndsTheWarmUpAfterItsLastAllowedRound() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        AtomicLong compiled = new AtomicLong();
        Rounds<Double> rounds = new Rounds<Double>(3, 4, compiled::get).add("figure", () -> {
            calls.incrementAndGet();
            compiled.addAndGet(1000);
            return 1.0;
        }, Double::doubleValue);

        rounds.run();

        assertThat(calls).hasValue(4 + 3);
        assertThat(rounds.described()).contains("after 4 discarded warm-up rounds").contains("worked for 3.0 s");
    }

    @Test
    void aSettledCompilerLeavesOneWarmUpRound() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Rounds<Double> rounds = new Rounds<Double>(3, 4, () -> 0).add("figure", () -> (double) calls.incrementAndGet(),
                Double::doubleValue);

        assertThat(rounds.run().get("figure").rates()).containsExactly(2.0, 3.0, 4.0);
        assertThat(rounds.described()).contains("after a discarded warm-up round");
    }
}
