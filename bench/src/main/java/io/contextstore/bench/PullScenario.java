package io.contextstore.bench;

import io.contextstore.testing.ApiClient;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import tools.jackson.databind.JsonNode;

/** Pull costs on a tenant whose events are projected: random 500-event pages, and a full catch-up by one client. */
final class PullScenario {

    record PageResult(long tenantEvents, Latencies.Summary pages) {
    }

    record CatchUpResult(long events, Duration took, int pages) {
        double eventsPerSecond() {
            return events / (took.toNanos() / 1e9);
        }
    }

    private final BenchStack stack;
    private final Log log;

    PullScenario(BenchStack stack) {
        this.stack = stack;
        this.log = new Log(stack);
    }

    /** A tenant with {@code events} projected events. */
    BenchStack.Tenant tenantWith(long events) {
        BenchStack.Tenant tenant = stack.tenant("pull-" + events);
        log.prefill(List.of(tenant.id()), (int) events, "pull-" + System.nanoTime());
        stack.startProjector();
        try {
            log.awaitProjected(log.endOffsets(), Duration.ofMinutes(30));
        } finally {
            stack.stopProjectors();
        }
        return tenant;
    }

    PageResult pages(BenchStack.Tenant tenant, int requests) {
        ApiClient api = new ApiClient(stack.baseUrl());
        long last = api.get("/api/v1/context/status", tenant.token()).json().get("last_cursor").longValue();
        SplittableRandom random = new SplittableRandom(42);
        Latencies latencies = new Latencies();
        for (int i = 0; i < requests; i++) {
            long cursor = random.nextLong(-1, Math.max(0, last - 500));
            long t0 = System.nanoTime();
            JsonNode page = api.get("/api/v1/context/pull?limit=500&cursor=" + cursor, tenant.token()).json();
            latencies.record(System.nanoTime() - t0);
            if (page.get("events").size() != 500) {
                throw new IllegalStateException("a page from " + cursor + " held " + page.get("events").size() + " events");
            }
        }
        return new PageResult(last + 1, latencies.summary());
    }

    CatchUpResult catchUp(BenchStack.Tenant tenant, int pageSize) {
        ApiClient api = new ApiClient(stack.baseUrl());
        long cursor = -1;
        long events = 0;
        int pages = 0;
        long started = System.nanoTime();
        while (true) {
            JsonNode page = api.get("/api/v1/context/pull?limit=" + pageSize + "&cursor=" + cursor, tenant.token()).json();
            events += page.get("events").size();
            pages++;
            cursor = page.get("next_cursor").longValue();
            if (!page.get("has_more").booleanValue()) {
                return new CatchUpResult(events, Duration.ofNanos(System.nanoTime() - started), pages);
            }
        }
    }
}
