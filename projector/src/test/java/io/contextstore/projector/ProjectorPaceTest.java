package io.contextstore.projector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProjectorPaceTest {

    private static final long MILLISECOND = 1_000_000L;
    private final AtomicLong now = new AtomicLong(123 * MILLISECOND);
    private final ProjectorPace pace = new ProjectorPace(2000, now::get);

    @Test
    void aProjectorThatNeverPolledAFullBatchIsNotCatchingUp() {
        assertThat(pace.catchingUp()).isFalse();
        pace.polled(1999);
        assertThat(pace.catchingUp()).isFalse();
    }

    @Test
    void aFullPollMeansCatchingUpForASecond() {
        pace.polled(2000);
        assertThat(pace.catchingUp()).isTrue();
        now.addAndGet(999 * MILLISECOND);
        assertThat(pace.catchingUp()).isTrue();
        now.addAndGet(MILLISECOND);
        assertThat(pace.catchingUp()).as("no full poll for a second").isFalse();
    }

    @Test
    void aShortPollOfOneConsumerDoesNotHideAnotherConsumersCatchUp() {
        pace.polled(2000);
        pace.polled(3);
        assertThat(pace.catchingUp()).isTrue();
    }
}
