import io.contextstore.client.ClientHome;
import io.contextstore.client.LocalContext;
import io.contextstore.client.TestServer;
import io.contextstore.client.auth.Session;
import io.contextstore.client.items.Item;
import io.contextstore.client.items.Kind;
import io.contextstore.client.sync.SyncObserver;
import io.contextstore.client.sync.SyncReport;
import io.contextstore.client.sync.Synchronizer;
import io.contextstore.testing.Tenants.TestTenant;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The figures of the local client's note. Hook: the ./ctx launcher as an editor runs it, one process per
 * event, wall time from process start to exit. Drain and pull: the library in this JVM against the real
 * services (ingest, projector, query) over the real broker and database of the test infrastructure.
 */
public final class ClientBench {

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        int hookRuns = Integer.parseInt(args[1]);
        hook(root, hookRuns);
        TestServer server = TestServer.shared();
        TestTenant alice = server.tenants().create("alice");
        Path work = Files.createTempDirectory("ctx-bench-");
        enqueue(work.resolve("enqueue"));
        long maxCursor = drain(server, alice, work.resolve("laptop"));
        pull(server, alice, work.resolve("desktop"), maxCursor);
        System.exit(0);
    }

    private static void hook(Path root, int runs) throws Exception {
        byte[] event = Files.readAllBytes(root.resolve("local-client/src/test/resources/hook/todowrite-posttooluse.json"));
        Path home = Files.createTempDirectory("ctx-bench-hook-");
        long[] millis = new long[runs];
        for (int i = -5; i < runs; i++) { // five warm-up runs (page cache), not counted
            ProcessBuilder builder = new ProcessBuilder(root.resolve("ctx").toString(), "hook")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT);
            builder.environment().put("CTX_HOME", home.toString());
            long started = System.nanoTime();
            Process process = builder.start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(event);
            }
            int exit = process.waitFor();
            long elapsed = System.nanoTime() - started;
            if (exit != 0) {
                throw new IllegalStateException("ctx hook exited " + exit);
            }
            if (i >= 0) {
                millis[i] = elapsed / 1_000_000;
            }
        }
        Arrays.sort(millis);
        System.out.printf("ctx hook wall time over %d runs (process start to exit, ./ctx launcher): p50 %d ms, p90 %d ms,"
                + " p99 %d ms, max %d ms%n", runs, pct(millis, 50), pct(millis, 90), pct(millis, 99), millis[runs - 1]);
    }

    private static void enqueue(Path home) {
        try (LocalContext context = open(home)) {
            int n = 1_000;
            long started = System.nanoTime();
            for (int i = 0; i < n; i++) {
                context.record(item("single " + i));
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("enqueue, one durable (synchronous=FULL) commit per write: %d writes in %.2f s = %.0f writes/s%n",
                    n, seconds, n / seconds);
        }
    }

    private static long drain(TestServer server, TestTenant alice, Path home) {
        try (LocalContext context = open(home)) {
            context.login(server.baseUrl(), alice.licenseKey(), "laptop");
            List<Item> items = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                items.add(item("drained " + i));
            }
            context.recordAll(items);
            Session session = context.session(null);
            session.token();
            long started = System.nanoTime();
            SyncReport report = context.sync(session, new Synchronizer.Options(true, false, false, 1_000), SyncObserver.NONE);
            double seconds = (System.nanoTime() - started) / 1e9;
            if (report.drain().acknowledged() != 10_000 || report.queueAfter().pending() != 0) {
                throw new IllegalStateException("drain incomplete: " + report);
            }
            System.out.printf("drain: 10000 queued items, batches of 1000, in %.2f s = %.0f items/s (%d created)%n",
                    seconds, 10_000 / seconds, report.drain().created());
            return report.drain().maxCursor();
        }
    }

    private static void pull(TestServer server, TestTenant alice, Path home, long maxCursor) {
        try (LocalContext context = open(home)) {
            context.login(server.baseUrl(), alice.licenseKey(), "desktop");
            Session session = context.session(null);
            // First let the projector catch up, so the figure is the client's apply rate, not projection lag.
            waitForProjection(session, maxCursor);
            long started = System.nanoTime();
            SyncReport report = context.sync(session, new Synchronizer.Options(false, true, false, 1_000), SyncObserver.NONE);
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("pull: %d events fetched and applied (pages of 1000, one SQLite transaction per page)"
                    + " in %.2f s = %.0f events/s%n", report.pull().events(), seconds, report.pull().events() / seconds);
        }
    }

    private static void waitForProjection(Session session, long cursor) {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            String body = session.api().get("/api/v1/context/status", session.token()).body();
            Object watermark = io.contextstore.client.json.Json.parseObject(body).get("watermark");
            if (watermark instanceof Long w && w >= cursor) {
                return;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(100_000_000L);
        }
        throw new IllegalStateException("the projector did not reach " + cursor);
    }

    private static Item item(String title) {
        return Item.of(Kind.DECISION, Map.of("title", title, "decision", "benchmark decision with a body of some length, "
                + "about as long as a real one: use the batch push, keep the queue durable", "tags", List.of("bench")), Instant.now());
    }

    private static LocalContext open(Path home) {
        return LocalContext.open(new ClientHome(home), Clock.systemUTC(), new SplittableRandom());
    }

    private static long pct(long[] sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
