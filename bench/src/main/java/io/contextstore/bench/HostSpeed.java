package io.contextstore.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * What tells two runs' machines apart. This machine is a virtual one that may come back on other hardware after a
 * restart; then every ceiling moves, and the absolute figures of two runs compare only with that known. A fixed
 * single-threaded workload and the disk's sync time, both taken before anything else starts, and the time the machine
 * last booted say so. The disk matters as much as the cores: every push and every projected poll waits for an fsync.
 */
final class HostSpeed {

    private static final int INTS = 4_000_000;
    private static final int PASSES = 5;
    private static final int SYNCS = 200;

    private HostSpeed() {
    }

    /** The best of a few passes of sorting the same pseudo-random ints with {@code Arrays.sort}, in milliseconds. */
    static double sortMillis() {
        int[] source = new SplittableRandom(42).ints(INTS).toArray();
        long best = Long.MAX_VALUE;
        for (int pass = 0; pass < PASSES; pass++) {
            int[] copy = source.clone();
            long start = System.nanoTime();
            Arrays.sort(copy);
            best = Math.min(best, System.nanoTime() - start);
        }
        return best / 1e6;
    }

    /**
     * {@code fdatasync} of one 8 KiB write, {@value #SYNCS} times, in the directory the stack's data goes to (the JVM's
     * temporary directory): p50, p99 and the longest, in milliseconds.
     */
    static double[] syncMillis() {
        try {
            Path file = Files.createTempFile("contextstore-bench-sync", ".dat");
            long[] nanos = new long[SYNCS];
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ByteBuffer page = ByteBuffer.allocate(8192);
                for (int i = 0; i < SYNCS; i++) {
                    long start = System.nanoTime();
                    channel.write(page.clear(), 0);
                    channel.force(false);
                    nanos[i] = System.nanoTime() - start;
                }
            } finally {
                Files.deleteIfExists(file);
            }
            Arrays.sort(nanos);
            return new double[] {nanos[SYNCS / 2] / 1e6, nanos[SYNCS * 99 / 100] / 1e6, nanos[SYNCS - 1] / 1e6};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** When the machine booted ({@code btime} of {@code /proc/stat}), or "unknown" where there is none. */
    static String bootedAt() {
        try {
            return Files.readAllLines(Path.of("/proc/stat")).stream().filter(line -> line.startsWith("btime "))
                    .findFirst()
                    .map(line -> Instant.ofEpochSecond(Long.parseLong(line.substring(6).trim())))
                    .map(at -> DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC).format(at))
                    .orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** The header line. */
    static String line() {
        double[] sync = syncMillis();
        return String.format("- Host: up since %s; one thread sorts %,d ints (`Arrays.sort`, best of %d) in %.0f ms; "
                        + "an 8 KiB write and `fdatasync` in the data's directory, idle, p50 %.2f ms, p99 %.2f ms, longest "
                        + "%.2f ms (n=%d). Absolute figures of two runs compare only where these agree.",
                bootedAt(), INTS, PASSES, sortMillis(), sync[0], sync[1], sync[2], SYNCS);
    }
}
