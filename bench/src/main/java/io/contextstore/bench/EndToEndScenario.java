package io.contextstore.bench;

import io.contextstore.testing.ApiClient;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Push → visible-in-pull latency at a steady rate: 100 push requests a second (batches sized to the
 * rate), each followed by a pull from another device that waits for the push's cursor. The latency
 * runs from sending the push to the pull that shows its last item.
 */
final class EndToEndScenario {

    /**
     * @param projected    the events' age at the projector's commit, p50 / p99 ({@link EventAges})
     * @param housekeeping what PostgreSQL did meanwhile besides serving the run, and how busy the cores were ({@link BackgroundWork})
     */
    record Result(int rate, Latencies.Summary visible, Latencies.Summary pushes, String projected, long events,
                  long missed, String housekeeping) {

        /** A report table's headers: {@code leading}, then a result's. */
        static String[] headers(String... leading) {
            return Stream.concat(Stream.of(leading), Stream.of("push p50 / p99 (ms)",
                    "age at the projector's commit p50 / p99 (ms)", "visible p50 (ms)", "visible p99 (ms)",
                    "visible p99.9 (ms)", "events", "not visible within 10 s", "meanwhile: PostgreSQL's housekeeping, the cores"))
                    .toArray(String[]::new);
        }

        /** This result's row under {@link #headers}: {@code leading}, then its figures. */
        Object[] row(Object... leading) {
            return Stream.concat(Stream.of(leading), Stream.of(String.format("%.1f / %.1f", pushes.p50(), pushes.p99()),
                    projected, String.format("%.1f", visible.p50()), String.format("%.1f", visible.p99()),
                    String.format("%.1f", visible.p999()), events, missed, housekeeping)).toArray();
        }
    }

    private final BenchStack stack;
    private final ConfigurableApplicationContext projector;

    /** @param projector the projector the pushes go through, whose own record of the events' age splits the latency */
    EndToEndScenario(BenchStack stack, ConfigurableApplicationContext projector) {
        this.stack = stack;
        this.projector = projector;
    }

    Result run(int eventsPerSecond, Duration duration) throws InterruptedException, SQLException {
        BenchStack.Tenant tenant = stack.tenant("e2e-" + eventsPerSecond);
        return run(eventsPerSecond, duration, List.of(tenant), stack.logins(List.of(tenant), "reader-device"));
    }

    /**
     * The same spread over {@code tenants}: request n goes to tenant n mod their number, and that tenant's member pulls
     * it on another device ({@code readers}, a token each, in the same order).
     */
    Result run(int eventsPerSecond, Duration duration, List<BenchStack.Tenant> tenants, List<String> readers)
            throws InterruptedException, SQLException {
        // One client (one HttpClient, its pooled connections and selector thread) for every request, as a
        // device would: a client per request made the driver part of what it measured (issue 16).
        ApiClient api = new ApiClient(stack.baseUrl());
        SteadyPushes steady = new SteadyPushes(eventsPerSecond);
        String run = "e2e-" + eventsPerSecond + "-" + System.nanoTime();
        Latencies visible = new Latencies();
        Latencies pushes = new Latencies();
        AtomicLong missed = new AtomicLong();
        long requests;
        String meanwhile;
        EventAges ages = EventAges.start(projector);
        try (BackgroundWork housekeeping = BackgroundWork.start(stack)) {
            requests = steady.run(duration, number -> {
                int at = (int) (number % tenants.size());
                long t0 = System.nanoTime();
                JsonNode pushed = api.post("/api/v1/context/push", tenants.get(at).token(), steady.body(run, number)).json();
                pushes.record(System.nanoTime() - t0);
                List<JsonNode> results = steady.results(pushed);
                long cursor = results.get(results.size() - 1).get("cursor").longValue();
                JsonNode page = api.get("/api/v1/context/pull?limit=1&cursor=" + (cursor - 1) + "&wait_for=" + cursor
                        + "&timeout_ms=10000", readers.get(at)).json();
                if (page.get("events").isEmpty() || page.get("events").get(0).get("cursor").longValue() != cursor) {
                    missed.incrementAndGet();
                } else {
                    visible.record(System.nanoTime() - t0);
                }
            });
            meanwhile = housekeeping.describe();
        }
        return new Result(eventsPerSecond, visible.summary(), pushes.summary(), ages.describe(), requests * steady.batch(),
                missed.get(), meanwhile);
    }
}
