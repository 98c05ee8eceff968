package io.contextstore.projector.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeferralTest {

    private static final long SECOND = 1_000_000_000L;
    private final Deferral deferral = new Deferral(Duration.ofSeconds(30));

    @Test
    void searchIndexesAtEveryTurnWhileTheProjectorKeepsUp() {
        assertThat(deferral.indexNow(false, 0)).isTrue();
        assertThat(deferral.indexNow(false, SECOND)).isTrue();
    }

    @Test
    void searchWaitsForACatchingUpProjectorUntilItsLimitThenTakesOneTurnAndWaitsAgain() {
        assertThat(deferral.indexNow(true, 0)).as("the catch-up starts").isFalse();
        assertThat(deferral.indexNow(true, 29 * SECOND)).as("within the limit").isFalse();
        assertThat(deferral.indexNow(true, 30 * SECOND)).as("the limit reached").isTrue();
        assertThat(deferral.indexNow(true, 31 * SECOND)).as("a new wait").isFalse();
        assertThat(deferral.indexNow(true, 59 * SECOND)).isFalse();
        assertThat(deferral.indexNow(true, 60 * SECOND)).isTrue();
    }

    @Test
    void aProjectorThatCaughtUpEndsTheWaitSoTheNextCatchUpWaitsAFullLimit() {
        deferral.indexNow(true, 0);
        assertThat(deferral.indexNow(false, 20 * SECOND)).isTrue();
        assertThat(deferral.indexNow(true, 25 * SECOND)).isFalse();
        assertThat(deferral.indexNow(true, 50 * SECOND)).as("30 s after the second catch-up began, not the first").isFalse();
        assertThat(deferral.indexNow(true, 55 * SECOND)).isTrue();
    }
}
