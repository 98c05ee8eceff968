package io.contextstore.bench;

import io.contextstore.testing.ApiClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import tools.jackson.databind.JsonNode;

/**
 * Pushes at a steady rate, as the end-to-end and stream scenarios drive them: 100 requests a second, each a batch of
 * decisions sized to the events a second asked for, sent by a pool of workers so a slow answer does not slow the
 * clock.
 */
final class SteadyPushes {

    private static final int REQUESTS_PER_SECOND = 100;
    private static final int WORKERS = 32;

    private final int batch;

    SteadyPushes(int eventsPerSecond) {
        this.batch = Math.max(1, eventsPerSecond / REQUESTS_PER_SECOND);
    }

    int batch() {
        return batch;
    }

    /**
     * Calls {@code request} with the number of each request (0, 1, …) on a worker, at the rate, for the duration,
     * then waits (a minute at most) for the requests under way; answers how many were started.
     */
    long run(Duration duration, LongConsumer request) throws InterruptedException {
        AtomicLong started = new AtomicLong();
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        clock.scheduleAtFixedRate(() -> workers.submit(() -> request.accept(started.getAndIncrement())),
                0, 1_000_000 / REQUESTS_PER_SECOND, TimeUnit.MICROSECONDS);
        TimeUnit.MILLISECONDS.sleep(duration.toMillis());
        clock.shutdownNow();
        workers.shutdown();
        workers.awaitTermination(60, TimeUnit.SECONDS);
        return started.get();
    }

    /** Request {@code number}'s body: its decisions, numbered on from the requests before it; one item alone. */
    String body(String run, long number) {
        long first = number * batch;
        if (batch == 1) {
            return ApiClient.json(Items.decision(run, first));
        }
        List<Object> items = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            items.add(Items.decision(run, first + i));
        }
        return ApiClient.json(Map.of("items", items));
    }

    /** Each item's answer in a push's answer, in the order sent. */
    List<JsonNode> results(JsonNode pushed) {
        return batch == 1 ? List.of(pushed) : pushed.get("results").valueStream().toList();
    }
}
