package io.contextstore.bench;

import io.contextstore.testing.ApiClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/** Pushes through the real ingest API from concurrent clients: single items, or batches. */
final class IngestScenario {

    record Result(String name, long events, double seconds, Latencies.Summary requests, CoreTime.Spent spent) {
        double eventsPerSecond() {
            return events / seconds;
        }

        Scenarios.Figure figure() {
            return new Scenarios.Figure(eventsPerSecond(), requests, events, spent);
        }
    }

    private final BenchStack stack;
    private final String baseUrl;
    /**
     * Client c's HTTP client, kept across rounds as a device keeps its own: one made per client and round opened new
     * connections in every round's first requests, and left the last round's clients to the collector.
     */
    private final List<ApiClient> devices = new ArrayList<>();

    IngestScenario(BenchStack stack) {
        this(stack, stack.baseUrl());
    }

    /** Pushes to the ingest API at {@code baseUrl} (tokens from the stack's login are valid there too). */
    IngestScenario(BenchStack stack, String baseUrl) {
        this.stack = stack;
        this.baseUrl = baseUrl;
    }

    Result run(String name, int clients, int requestsPerClient, int batchSize) throws Exception {
        return run(name, List.of(stack.tenant("ingest-" + name)), clients, requestsPerClient, batchSize);
    }

    /**
     * The same spread over {@code tenants}: the requests of a moment go to different tenants (request r of client c to
     * tenant {@code (r * clients + c) mod n}), so with many tenants every partition is written at once.
     */
    Result run(String name, List<BenchStack.Tenant> tenants, int clients, int requestsPerClient, int batchSize)
            throws Exception {
        String run = name + "-" + System.nanoTime();
        Latencies latencies = new Latencies();
        AtomicLong failures = new AtomicLong();
        List<ApiClient> apis = apis(clients);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CoreTime cores = stack.cores();
        long started = System.nanoTime();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                done.add(pool.submit(() -> {
                    ApiClient api = apis.get(client);
                    for (int r = 0; r < requestsPerClient; r++) {
                        BenchStack.Tenant tenant = tenants.get((int) (((long) r * clients + client) % tenants.size()));
                        String body = body(run, client, r, batchSize);
                        long t0 = System.nanoTime();
                        int status = api.post("/api/v1/context/push", tenant.token(), body).status();
                        latencies.record(System.nanoTime() - t0);
                        if (status >= 300) {
                            failures.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        CoreTime.Spent spent = cores.spentSince();
        if (failures.get() > 0) {
            throw new IllegalStateException(name + ": " + failures.get() + " requests failed");
        }
        return new Result(name, (long) clients * requestsPerClient * batchSize, seconds, latencies.summary(), spent);
    }

    private synchronized List<ApiClient> apis(int count) {
        while (devices.size() < count) {
            devices.add(new ApiClient(baseUrl));
        }
        return List.copyOf(devices.subList(0, count));
    }

    private static String body(String run, int client, int request, int batchSize) {
        if (batchSize == 1) {
            return ApiClient.json(Items.decision(run, (long) client << 32 | request));
        }
        List<Object> items = new ArrayList<>(batchSize);
        for (int i = 0; i < batchSize; i++) {
            items.add(Items.decision(run, ((long) client << 32) | ((long) request * batchSize + i)));
        }
        return ApiClient.json(Map.of("items", items));
    }
}
