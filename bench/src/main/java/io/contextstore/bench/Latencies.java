package io.contextstore.bench;

import java.util.Arrays;

/** Recorded latencies (nanoseconds) and their percentiles, exact (sorted), for bounded runs. */
public final class Latencies {

    private long[] samples = new long[1024];
    private int size;

    public synchronized void record(long nanos) {
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, size * 2);
        }
        samples[size++] = nanos;
    }

    public synchronized Summary summary() {
        long[] sorted = Arrays.copyOf(samples, size);
        Arrays.sort(sorted);
        return new Summary(size, at(sorted, 0.50), at(sorted, 0.99), at(sorted, 0.999),
                size == 0 ? 0 : sorted[size - 1]);
    }

    private static double at(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1_000_000.0;
    }

    /** Milliseconds. */
    public record Summary(int count, double p50, double p99, double p999, long maxNanos) {

        double max() {
            return maxNanos / 1_000_000.0;
        }

        String describe() {
            return String.format("p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms (n=%d)", p50, p99, p999, max(), count);
        }
    }
}
