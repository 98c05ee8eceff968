package io.contextstore.bench;

import io.contextstore.testing.ApiClient;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.context.ConfigurableApplicationContext;

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
        SteadyPushes steady = new SteadyPushes(eventsPerSecond);
        PushThenPull device = new PushThenPull(new ApiClient(stack.baseUrl()), steady);
        String run = "e2e-" + eventsPerSecond + "-" + System.nanoTime();
        long requests;
        String meanwhile;
        EventAges ages = EventAges.start(projector);
        try (BackgroundWork housekeeping = BackgroundWork.start(stack)) {
            requests = steady.run(duration, number -> {
                int at = (int) (number % tenants.size());
                device.send(tenants.get(at).token(), readers.get(at), steady.body(run, number));
            });
            meanwhile = housekeeping.describe();
        }
        return new Result(eventsPerSecond, device.visible(), device.pushes(), ages.describe(), requests * steady.batch(),
                device.missed(), meanwhile);
    }
}
