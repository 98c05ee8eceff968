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
import tools.jackson.databind.JsonNode;

/**
 * Push → visible-in-pull latency at a steady rate: 100 push requests a second (batches sized to the
 * rate), each followed by a pull from another device that waits for the push's cursor. The latency
 * runs from sending the push to the pull that shows its last item.
 */
final class EndToEndScenario {

    record Result(int rate, Latencies.Summary visible, Latencies.Summary pushes, long events, long missed) {
    }

    private static final int REQUESTS_PER_SECOND = 100;

    private final BenchStack stack;

    EndToEndScenario(BenchStack stack) {
        this.stack = stack;
    }

    Result run(int eventsPerSecond, Duration duration) throws InterruptedException {
        BenchStack.Tenant tenant = stack.tenant("e2e-" + eventsPerSecond);
        // One client (one HttpClient, its pooled connections and selector thread) for every request, as a
        // device would: a client per request made the driver part of what it measured (issue 16).
        ApiClient api = new ApiClient(stack.baseUrl());
        String reader = api.login(tenant.licenseKey(), "reader-device");
        int batch = Math.max(1, eventsPerSecond / REQUESTS_PER_SECOND);
        String run = "e2e-" + eventsPerSecond + "-" + System.nanoTime();
        Latencies visible = new Latencies();
        Latencies pushes = new Latencies();
        AtomicLong sequence = new AtomicLong();
        AtomicLong missed = new AtomicLong();
        ExecutorService workers = Executors.newFixedThreadPool(32);
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        clock.scheduleAtFixedRate(() -> workers.submit(() -> {
            long first = sequence.getAndAdd(batch);
            long t0 = System.nanoTime();
            JsonNode pushed = api.post("/api/v1/context/push", tenant.token(), body(run, first, batch)).json();
            pushes.record(System.nanoTime() - t0);
            long cursor = last(pushed, batch).get("cursor").longValue();
            JsonNode page = api.get("/api/v1/context/pull?limit=1&cursor=" + (cursor - 1) + "&wait_for=" + cursor
                    + "&timeout_ms=10000", reader).json();
            if (page.get("events").isEmpty() || page.get("events").get(0).get("cursor").longValue() != cursor) {
                missed.incrementAndGet();
            } else {
                visible.record(System.nanoTime() - t0);
            }
        }), 0, 1_000_000 / REQUESTS_PER_SECOND, TimeUnit.MICROSECONDS);
        TimeUnit.MILLISECONDS.sleep(duration.toMillis());
        clock.shutdownNow();
        workers.shutdown();
        workers.awaitTermination(60, TimeUnit.SECONDS);
        return new Result(eventsPerSecond, visible.summary(), pushes.summary(), sequence.get(), missed.get());
    }

    private static JsonNode last(JsonNode pushed, int batch) {
        return batch == 1 ? pushed : pushed.get("results").get(batch - 1);
    }

    private static String body(String run, long first, int batch) {
        if (batch == 1) {
            return ApiClient.json(Items.decision(run, first));
        }
        List<Object> items = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            items.add(Items.decision(run, first + i));
        }
        return ApiClient.json(Map.of("items", items));
    }
}
