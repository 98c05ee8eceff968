package io.contextstore.bench;

import io.contextstore.testing.ApiClient;
import io.micrometer.core.instrument.Gauge;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One tenant holding its whole share of the query instance — its most open streams and waiting pulls — while
 * another tenant pulls (issue 15): the other's plain pull latency beside the same pulls with nothing held, in
 * alternating rounds. The holder's connections are plain sockets that send a request and never read, as a
 * stalled device would; the instance's own gauge ({@code contextstore.query.held}) says when they are held and
 * when, after they closed, they are let go.
 */
final class HeldShareScenario {

    private static final int WAIT_MS = 30_000;

    private final BenchStack stack;
    private final URI base;

    HeldShareScenario(BenchStack stack) {
        this.stack = stack;
        this.base = URI.create(stack.baseUrl());
    }

    /** The other tenant's pulls with nothing held, then with the holder's share held, {@code rounds} times. */
    Map<String, Rounds.Measured<Latencies.Summary>> run(int streams, int waits, int pulls, int rounds) throws Exception {
        ApiClient api = new ApiClient(stack.baseUrl());
        BenchStack.Tenant other = stack.tenant("pulling");
        long last = 0;
        for (int batch = 0; batch < 5; batch++) {
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                items.add(Items.decision("held-share", batch * 100L + i));
            }
            JsonResults pushed = new JsonResults(api.post("/api/v1/context/push", other.token(), ApiClient.json(Map.of("items", items))));
            last = pushed.lastCursor();
        }
        api.get("/api/v1/context/pull?limit=1&cursor=" + (last - 1) + "&wait_for=" + last + "&timeout_ms=" + WAIT_MS, other.token());
        return new Rounds<Latencies.Summary>(rounds)
                .add("nothing held", () -> pulls(api, other, pulls), summary -> -summary.p99())
                .add("one tenant holding its share", () -> {
                    try (Held held = hold(stack.tenant("holding"), streams, waits)) {
                        return pulls(api, other, pulls);
                    }
                }, summary -> -summary.p99())
                .run();
    }

    private static Latencies.Summary pulls(ApiClient api, BenchStack.Tenant tenant, int count) {
        Latencies latencies = new Latencies();
        for (int i = 0; i < count; i++) {
            long t0 = System.nanoTime();
            int status = api.get("/api/v1/context/pull?limit=100&cursor=" + (i % 5) * 100, tenant.token()).status();
            latencies.record(System.nanoTime() - t0);
            if (status != 200) {
                throw new IllegalStateException("a plain pull answered " + status);
            }
        }
        return latencies.summary();
    }

    private Held hold(BenchStack.Tenant holder, int streams, int waits) throws InterruptedException {
        Held held = new Held();
        for (int i = 0; i < streams; i++) {
            held.open("/api/v1/context/stream?cursor=0", holder.token());
        }
        for (int i = 0; i < waits; i++) {
            held.open("/api/v1/context/pull?cursor=0&wait_for=1000000000000&timeout_ms=" + WAIT_MS, holder.token());
        }
        awaitHeld("stream", streams);
        awaitHeld("wait", waits);
        return held;
    }

    private void awaitHeld(String kind, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (held(kind) != count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the instance holds " + held(kind) + " " + kind + "s, not " + count);
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    private int held(String kind) {
        Gauge gauge = stack.meters().find("contextstore.query.held").tag("kind", kind).gauge();
        if (gauge == null) {
            throw new IllegalStateException("the query instance has no contextstore.query.held gauge");
        }
        return (int) gauge.value();
    }

    /** A push's answer: the cursor of its last item. */
    private record JsonResults(ApiClient.Response response) {
        long lastCursor() {
            var results = response.json().get("results");
            return results.get(results.size() - 1).get("cursor").longValue();
        }
    }

    /** Sockets that sent a request and read nothing; closing them lets the instance notice and let go. */
    private final class Held implements AutoCloseable {

        private final List<Socket> sockets = new ArrayList<>();

        void open(String pathAndQuery, String token) {
            try {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
                socket.getOutputStream().write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\n"
                        + "Authorization: Bearer " + token + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                sockets.add(socket);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws InterruptedException {
            for (Socket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // closing
                }
            }
            awaitHeld("stream", 0);
            awaitHeld("wait", 0);
        }
    }
}
