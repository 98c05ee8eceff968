package io.contextstore.query.live;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The few threads the live read side runs on: readers that read for a woken stream or waiting pull (a wait
 * holds no thread), and one timer for deadlines and heartbeats.
 */
public final class LiveExecutors implements AutoCloseable {

    private final ExecutorService readers;
    private final ScheduledThreadPoolExecutor timers;

    public LiveExecutors(int readerThreads) {
        this.readers = Executors.newFixedThreadPool(Math.max(1, readerThreads), named("live-reader"));
        this.timers = new ScheduledThreadPoolExecutor(1, named("live-timer"));
        this.timers.setRemoveOnCancelPolicy(true); // a closed stream's deadline does not linger until it is due
    }

    public ExecutorService readers() {
        return readers;
    }

    public ScheduledExecutorService timers() {
        return timers;
    }

    @Override
    public void close() {
        timers.shutdownNow();
        readers.shutdownNow();
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
