package io.contextstore.bench.faults;

import io.contextstore.bench.Latencies;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * What the devices saw, second by second from the campaign's start: items acknowledged, push requests that
 * failed (a 503, a reset connection, a timeout), and each acknowledged request's latency; and when each
 * fault was injected and healed, so the chart can mark them.
 */
final class Timeline {

    /** One second: items acknowledged, requests failed, and the latencies (ms) of the requests answered. */
    record Second(long second, long acknowledged, long failed, double p99Millis) {
    }

    /** A fault on the timeline, in seconds from the start; {@code healed} is -1 while it lasts. */
    record Marker(String name, double injected, double healed) {
    }

    private final long startedNanos = System.nanoTime();
    private final TreeMap<Long, long[]> counts = new TreeMap<>();
    private final TreeMap<Long, Latencies> latencies = new TreeMap<>();
    private final List<Marker> markers = new ArrayList<>();

    synchronized void acknowledged(int items, long latencyNanos) {
        long second = now();
        counts.computeIfAbsent(second, s -> new long[2])[0] += items;
        latencies.computeIfAbsent(second, s -> new Latencies()).record(latencyNanos);
    }

    synchronized void failed() {
        counts.computeIfAbsent(now(), s -> new long[2])[1]++;
    }

    synchronized int mark(String fault) {
        markers.add(new Marker(fault, seconds(), -1));
        return markers.size() - 1;
    }

    synchronized void healed(int marker) {
        Marker m = markers.get(marker);
        markers.set(marker, new Marker(m.name(), m.injected(), seconds()));
    }

    synchronized List<Second> seconds(long upTo) {
        List<Second> all = new ArrayList<>();
        for (long s = 0; s <= upTo; s++) {
            long[] c = counts.getOrDefault(s, new long[2]);
            Latencies l = latencies.get(s);
            all.add(new Second(s, c[0], c[1], l == null ? Double.NaN : l.summary().p99()));
        }
        return all;
    }

    synchronized List<Marker> markers() {
        return List.copyOf(markers);
    }

    long now() {
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedNanos);
    }

    double seconds() {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
