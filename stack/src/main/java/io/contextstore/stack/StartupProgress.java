package io.contextstore.stack;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the embedded stack is doing while it starts, for the person who started it: a line when a part starts
 * and one when it is ready, with how long it took. Its own logger, which the launcher's logback configuration
 * prints on the console without timestamps (everything else there is a warning or worse).
 */
public final class StartupProgress {

    private static final Logger progress = LoggerFactory.getLogger("contextstore.startup");

    private StartupProgress() {
    }

    public static <T> T step(String what, Supplier<T> work) {
        progress.info("  {} ...", what);
        long started = System.nanoTime();
        T result = work.get();
        progress.info("  {} ready ({} ms)", what, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return result;
    }
}
