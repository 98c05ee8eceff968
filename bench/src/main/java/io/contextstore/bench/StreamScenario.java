package io.contextstore.bench;

import io.contextstore.testing.ApiClient;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.LongUnaryOperator;
import tools.jackson.databind.JsonNode;

/**
 * Push → seen on a live stream (issue 15): {@code streams} Server-Sent Event streams open on the one query
 * instance, spread over {@code tenants} tenants (a team each, every member on two machines), while pushes arrive at
 * a steady rate spread over the same tenants, each seen by every stream of its tenant. The latency runs from sending a push to a
 * stream's receipt of its event's {@code id:} line. Heap per open stream: the heap after a collection with the
 * streams open, less the heap before they opened, over their number; both ends of each connection live in this
 * JVM, so it bounds the server's share from above.
 */
final class StreamScenario {

    record Result(int streams, int tenants, int rate, Latencies.Summary seen, Latencies.Summary pushes,
                  Latencies.Summary projected, Latencies.Summary delivered, long events,
                  long deliveries, long expected, long heapPerStreamBytes) {
    }

    private static final int DEVICES_PER_USER = 2;
    private static final Duration WARM_UP = Duration.ofSeconds(10);

    private final BenchStack stack;

    StreamScenario(BenchStack stack) {
        this.stack = stack;
    }

    Result run(int streams, int tenantCount, int partitions, int eventsPerSecond, Duration duration)
            throws InterruptedException {
        ApiClient api = new ApiClient(stack.baseUrl());
        List<BenchStack.Tenant> tenants = new ArrayList<>();
        for (int t = 0; t < tenantCount; t++) {
            tenants.add(stack.tenant("stream-" + streams + "-" + t));
        }
        List<String> tokens = new ArrayList<>();
        Map<String, String> keys = new java.util.HashMap<>();
        for (int s = 0; s < streams; s++) {
            BenchStack.Tenant tenant = tenants.get(s % tenantCount);
            String user = "user-" + (s / tenantCount) / DEVICES_PER_USER; // a team: each member on two machines
            String key = keys.computeIfAbsent(tenant.id() + "/" + user, k -> stack.memberKey(tenant.id(), user));
            tokens.add(api.login(key, "device-" + s));
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long heapBefore = settledHeap();
        CountDownLatch opened = new CountDownLatch(streams);
        List<Receiver> receivers = new ArrayList<>();
        List<CompletableFuture<HttpResponse<Void>>> answers = new ArrayList<>();
        for (int s = 0; s < streams; s++) {
            Receiver receiver = new Receiver(s % tenantCount, opened);
            receivers.add(receiver);
            answers.add(http.sendAsync(HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/api/v1/context/stream?cursor=0"))
                    .header("Authorization", "Bearer " + tokens.get(s)).header("Accept", "text/event-stream").build(),
                    HttpResponse.BodyHandlers.fromSubscriber(receiver)));
        }
        if (!opened.await(2, TimeUnit.MINUTES) || answers.stream().anyMatch(CompletableFuture::isDone)) {
            throw new IllegalStateException("of " + streams + " streams, " + (streams - opened.getCount())
                    + " opened and " + answers.stream().filter(CompletableFuture::isDone).count() + " ended at once");
        }
        long heapPerStream = (settledHeap() - heapBefore) / streams;

        Phase warmUp = drive(api, tenants, receivers, eventsPerSecond, WARM_UP);
        if (warmUp.delivered() < warmUp.expected(streams / tenantCount)) {
            throw new IllegalStateException("the warm-up's events did not all reach their streams within 30 s");
        }
        receivers.forEach(Receiver::clear);
        Phase measured;
        Latencies seen = new Latencies();
        Latencies projected = new Latencies();
        Latencies delivered = new Latencies();
        try (ProjectionWatch watch = new ProjectionWatch(stack, partitions)) {
            measured = drive(api, tenants, receivers, eventsPerSecond, duration);
            int[] partitionOf = tenants.stream().mapToInt(t -> watch.partitionOf(t.id())).toArray();
            measured.sent().forEach((key, t0) -> {
                long at = watch.projectedAt(partitionOf[(int) (key >>> 40)], key & ((1L << 40) - 1));
                if (at >= 0) {
                    projected.record(at - t0);
                }
            });
            receivers.forEach(receiver -> receiver.latencies(measured.sent(), seen,
                    cursor -> watch.projectedAt(partitionOf[receiver.tenant], cursor), delivered));
        }
        long expected = measured.expected(streams / tenantCount);
        receivers.forEach(Receiver::cancel);
        return new Result(streams, tenantCount, eventsPerSecond, seen.summary(), measured.pushes().summary(),
                projected.summary(), delivered.summary(),
                measured.sent().size(), seen.summary().count(), expected, heapPerStream);
    }

    /** What one phase sent: each event's send time by (tenant, cursor), and how many deliveries it saw. */
    private record Phase(Map<Long, Long> sent, Latencies pushes, long delivered) {
        long expected(int streamsPerTenant) {
            return (long) sent.size() * streamsPerTenant;
        }
    }

    /**
     * Pushes at the rate for the duration, then waits (at most 30 s) until every stream of each push's tenant
     * has its event. The first phase is a warm-up: beside the JIT and the pools, a projector that has just
     * started holds no partitions until the broker's first rebalance delay (3 s by default) has passed, and
     * the events pushed meanwhile would be measured as stream latency.
     */
    private Phase drive(ApiClient api, List<BenchStack.Tenant> tenants, List<Receiver> receivers, int eventsPerSecond,
                        Duration duration) throws InterruptedException {
        int tenantCount = tenants.size();
        Map<Long, Long> sent = new ConcurrentHashMap<>();
        Latencies pushes = new Latencies();
        SteadyPushes steady = new SteadyPushes(eventsPerSecond);
        String run = "stream-" + System.nanoTime();
        steady.run(duration, number -> {
            int tenant = (int) (number % tenantCount);
            long t0 = System.nanoTime();
            JsonNode pushed = api.post("/api/v1/context/push", tenants.get(tenant).token(), steady.body(run, number)).json();
            pushes.record(System.nanoTime() - t0);
            for (JsonNode result : steady.results(pushed)) {
                sent.put(key(tenant, result.get("cursor").longValue()), t0);
            }
        });
        long expected = (long) sent.size() * (receivers.size() / tenantCount);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (received(receivers) < expected && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        return new Phase(sent, pushes, received(receivers));
    }

    private static long received(List<Receiver> receivers) {
        return receivers.stream().mapToLong(Receiver::count).sum();
    }

    private static long key(int tenant, long cursor) {
        return ((long) tenant << 40) | cursor;
    }

    private static long settledHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** One stream's bytes: records when each {@code id:} arrived; the rest of an event is not decoded. */
    private static final class Receiver implements Flow.Subscriber<List<ByteBuffer>> {

        private final int tenant;
        private final CountDownLatch opened;
        /** When the bytes being scanned arrived: what each id found in them is recorded with. */
        private long arrival;
        private final SseIds ids = new SseIds(cursor -> record(cursor, arrival));
        private long[] cursors = new long[256];
        private long[] arrivals = new long[256];
        private int size;
        private boolean first = true;
        private volatile Flow.Subscription subscription;

        Receiver(int tenant, CountDownLatch opened) {
            this.tenant = tenant;
            this.opened = opened;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            arrival = System.nanoTime();
            if (first) {
                first = false;
                opened.countDown(); // the stream's first bytes (its retry:) arrived: it is open
            }
            buffers.forEach(ids::scan);
        }

        private synchronized void record(long cursor, long now) {
            if (size == cursors.length) {
                cursors = Arrays.copyOf(cursors, size * 2);
                arrivals = Arrays.copyOf(arrivals, size * 2);
            }
            cursors[size] = cursor;
            arrivals[size++] = now;
        }

        synchronized long count() {
            return size;
        }

        /** Push → seen of each event received into {@code seen}, and projected → seen into {@code delivered}. */
        synchronized void latencies(Map<Long, Long> sent, Latencies seen, LongUnaryOperator projectedAt,
                                    Latencies delivered) {
            for (int i = 0; i < size; i++) {
                Long t0 = sent.get(key(tenant, cursors[i]));
                if (t0 != null) {
                    seen.record(arrivals[i] - t0);
                    long at = projectedAt.applyAsLong(cursors[i]);
                    if (at >= 0) {
                        delivered.record(Math.max(0, arrivals[i] - at));
                    }
                }
            }
        }

        synchronized void clear() {
            size = 0;
        }

        void cancel() {
            Flow.Subscription current = subscription;
            if (current != null) {
                current.cancel();
            }
        }

        @Override
        public void onError(Throwable throwable) {
            opened.countDown();
        }

        @Override
        public void onComplete() {
        }
    }
}
