package io.contextstore.bench;

import io.contextstore.testing.ApiClient;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * A device's push, then a pull on another device of the same tenant that waits for the push's last item: how long the
 * push took, and how long until its last item was visible to the other device, both from sending the push. Safe for
 * the workers of {@link SteadyPushes} to share.
 */
final class PushThenPull {

    private final ApiClient api;
    private final SteadyPushes steady;
    private final Latencies pushes = new Latencies();
    private final Latencies visible = new Latencies();
    private final AtomicLong missed = new AtomicLong();

    /** @param api one client for every request, as a device has: a client per request made the driver part of what it measured (issue 16) */
    PushThenPull(ApiClient api, SteadyPushes steady) {
        this.api = api;
        this.steady = steady;
    }

    /** Pushes {@code body} with {@code pusher}'s token, then pulls with {@code reader}'s until its last item shows. */
    void send(String pusher, String reader, String body) {
        long t0 = System.nanoTime();
        JsonNode pushed = api.post("/api/v1/context/push", pusher, body).json();
        pushes.record(System.nanoTime() - t0);
        List<JsonNode> results = steady.results(pushed);
        long cursor = results.get(results.size() - 1).get("cursor").longValue();
        JsonNode page = api.get("/api/v1/context/pull?limit=1&cursor=" + (cursor - 1) + "&wait_for=" + cursor
                + "&timeout_ms=10000", reader).json();
        if (page.get("events").isEmpty() || page.get("events").get(0).get("cursor").longValue() != cursor) {
            missed.incrementAndGet();
        } else {
            visible.record(System.nanoTime() - t0);
        }
    }

    Latencies.Summary pushes() {
        return pushes.summary();
    }

    Latencies.Summary visible() {
        return visible.summary();
    }

    /** Pushes whose last item the other device's pull did not show within its 10 s wait. */
    long missed() {
        return missed.get();
    }
}
