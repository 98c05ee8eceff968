package io.contextstore.stack.cluster;

import io.contextstore.testing.ApiClient;
import io.contextstore.testing.ApiClient.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * Pushes batches of decisions for some tenants at a steady pace through the real ingest API, as a device's
 * queue does: a batch leaves only when it was answered 2xx, anything else (503 while Kafka elects a leader, a
 * timeout) sends the same batch again next time. What counts as acknowledged is exactly what a 2xx named.
 */
final class SteadyLoad implements AutoCloseable {

    private final ApiClient api;
    private final int batchSize;
    private final ScheduledExecutorService pushers;
    private final Map<UUID, Set<String>> acknowledged = new ConcurrentHashMap<>();
    private final Map<UUID, Long> lastAcknowledgedAt = new ConcurrentHashMap<>();
    private final Map<UUID, List<Map<String, Object>>> unanswered = new ConcurrentHashMap<>();
    private final AtomicLong refused = new AtomicLong();
    /** Steps under way: raised before a step reads {@link #generating}, so {@link #drained()} never misses one. */
    private final AtomicInteger stepping = new AtomicInteger();
    private volatile boolean generating = true;

    SteadyLoad(ApiClient api, Map<UUID, String> tokens, int batchSize, long intervalMillis) {
        this.api = api;
        this.batchSize = batchSize;
        this.pushers = Executors.newScheduledThreadPool(Math.min(tokens.size(), 4));
        tokens.forEach((tenant, token) -> {
            acknowledged.put(tenant, ConcurrentHashMap.newKeySet());
            AtomicLong sequence = new AtomicLong();
            pushers.scheduleWithFixedDelay(() -> step(tenant, token, sequence), 0, intervalMillis, TimeUnit.MILLISECONDS);
        });
    }

    private void step(UUID tenant, String token, AtomicLong sequence) {
        stepping.incrementAndGet();
        try {
            push(tenant, token, sequence);
        } finally {
            stepping.decrementAndGet();
        }
    }

    private void push(UUID tenant, String token, AtomicLong sequence) {
        List<Map<String, Object>> batch = unanswered.get(tenant);
        if (batch == null) {
            if (!generating) {
                return;
            }
            batch = new ArrayList<>();
            for (int i = 0; i < batchSize; i++) {
                batch.add(Map.of("kind", "decision", "title", "steady " + sequence.incrementAndGet(), "decision", "d"));
            }
            unanswered.put(tenant, batch);
        }
        try {
            Response response = api.post("/api/v1/context/push", token, ApiClient.json(Map.of("items", batch)));
            if (response.status() / 100 != 2) {
                refused.incrementAndGet();
                return;
            }
            for (JsonNode result : response.json().get("results")) {
                acknowledged.get(tenant).add(result.get("id").stringValue());
            }
            lastAcknowledgedAt.put(tenant, System.nanoTime());
            unanswered.remove(tenant);
        } catch (RuntimeException unreachable) {
            refused.incrementAndGet(); // a timeout or a reset connection: the batch is sent again
        }
    }

    /** Every id a 2xx answered for this tenant so far. */
    Set<String> acknowledged(UUID tenant) {
        return Set.copyOf(acknowledged.get(tenant));
    }

    long acknowledgedCount() {
        return acknowledged.values().stream().mapToLong(Set::size).sum();
    }

    /** Whether a push of this tenant was acknowledged after {@code nanoTime}. */
    boolean acknowledgedSince(UUID tenant, long nanoTime) {
        return lastAcknowledgedAt.getOrDefault(tenant, Long.MIN_VALUE) - nanoTime > 0;
    }

    /** Answers other than 2xx, and requests that got none. */
    long refused() {
        return refused.get();
    }

    /** Stops making new batches; the unanswered ones are still sent until acknowledged. */
    void stopGenerating() {
        generating = false;
    }

    void resumeGenerating() {
        generating = true;
    }

    /** Whether every batch made so far was acknowledged. */
    boolean drained() {
        return !generating && stepping.get() == 0 && unanswered.isEmpty();
    }

    @Override
    public void close() {
        pushers.shutdownNow();
    }
}
