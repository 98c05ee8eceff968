package io.contextstore.stack.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ProgressMeterTest {

    @Test
    void theLineShowsShareRateAndTimeLeft() {
        assertThat(ProgressMeter.line("rebuild", 120_000, 1_000_000, Duration.ofSeconds(6)))
                .isEqualTo("rebuild: 120,000 / 1,000,000 (12.0%), 20,000/s, about 44s left");
        assertThat(ProgressMeter.line("replay", 500, 0, Duration.ofSeconds(1))).isEqualTo("replay: 500, 500/s");
        assertThat(ProgressMeter.line("rebuild", 0, 10, Duration.ZERO)).isEqualTo("rebuild: 0 / 10 (0.0%), 0/s");
    }

    @Test
    void longEstimatesReadAsMinutesAndHours() {
        assertThat(ProgressMeter.format(Duration.ofSeconds(125))).isEqualTo("2m05s");
        assertThat(ProgressMeter.format(Duration.ofMinutes(185))).isEqualTo("3h05m");
    }

    @Test
    void itPrintsAtMostOnceASecondOfTheInjectedClockAndNothingWhenDisabled() {
        MutableClock clock = new MutableClock();
        StringWriter shown = new StringWriter();
        StringWriter hidden = new StringWriter();
        ProgressMeter meter = new ProgressMeter("replay", clock, new PrintWriter(shown), true);
        ProgressMeter silent = new ProgressMeter("replay", clock, new PrintWriter(hidden), false);

        for (int tick = 1; tick <= 25; tick++) {
            clock.advance(Duration.ofMillis(100));
            meter.update(tick * 10L, 250);
            silent.update(tick * 10L, 250);
        }
        meter.finish(250);
        silent.finish(250);

        assertThat(shown.toString().lines()).containsExactly(
                "replay: 100 / 250 (40.0%), 100/s, about 2s left",
                "replay: 200 / 250 (80.0%), 100/s, about 1s left",
                "replay: 250 done in 2s (100/s)");
        assertThat(hidden.toString()).isEmpty();
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-25T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
