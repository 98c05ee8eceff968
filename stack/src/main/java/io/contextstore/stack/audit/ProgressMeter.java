package io.contextstore.stack.audit;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * Progress of a long run on stderr: done of total, rate and estimated time left, at most once a
 * second. Silent unless enabled (an interactive terminal, or --progress), so scripts and pipes get clean output.
 * Time comes from the injected clock only.
 */
final class ProgressMeter {

    private static final long INTERVAL_MILLIS = 1000;

    private final String phase;
    private final Clock clock;
    private final PrintWriter err;
    private final boolean enabled;
    private final long startedAt;
    private long lastPrintedAt;

    ProgressMeter(String phase, Clock clock, PrintWriter err, boolean enabled) {
        this.phase = phase;
        this.clock = clock;
        this.err = err;
        this.enabled = enabled;
        this.startedAt = clock.millis();
        this.lastPrintedAt = startedAt;
    }

    /**
     * Whether progress should be shown: asked for, or the command runs interactively (Java 17 can
     * only tell whether the JVM has a console, i.e. stdin and stdout are a terminal; output piped
     * to a file or another program gets no progress unless asked).
     */
    static boolean wanted(boolean asked) {
        return asked || System.console() != null;
    }

    void update(long done, long total) {
        long now = clock.millis();
        if (!enabled || now - lastPrintedAt < INTERVAL_MILLIS) {
            return;
        }
        lastPrintedAt = now;
        err.println(line(phase, done, total, Duration.ofMillis(now - startedAt)));
        err.flush();
    }

    void finish(long done) {
        if (enabled) {
            Duration took = Duration.ofMillis(clock.millis() - startedAt);
            err.printf(Locale.ROOT, "%s: %,d done in %s (%,.0f/s)%n", phase, done, format(took), rate(done, took));
            err.flush();
        }
    }

    /** E.g. {@code rebuild: 120,000 / 1,000,000 (12.0%), 25,000/s, about 35s left}. */
    static String line(String phase, long done, long total, Duration elapsed) {
        double rate = rate(done, elapsed);
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%s: %,d", phase, done));
        if (total > 0) {
            text.append(String.format(Locale.ROOT, " / %,d (%.1f%%)", total, 100.0 * done / total));
        }
        text.append(String.format(Locale.ROOT, ", %,.0f/s", rate));
        if (total > 0 && rate > 0 && done < total) {
            text.append(", about ").append(format(Duration.ofSeconds((long) Math.ceil((total - done) / rate)))).append(" left");
        }
        return text.toString();
    }

    private static double rate(long done, Duration elapsed) {
        return elapsed.toMillis() <= 0 ? 0 : done * 1000.0 / elapsed.toMillis();
    }

    static String format(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m" + String.format(Locale.ROOT, "%02d", seconds % 60) + "s";
        }
        return seconds / 3600 + "h" + String.format(Locale.ROOT, "%02d", seconds % 3600 / 60) + "m";
    }
}
