package io.contextstore.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * What tells two runs' machines apart. This machine is a virtual one that may come back on other hardware after a
 * restart; then every ceiling moves, and the absolute figures of two runs compare only with that known. A fixed
 * single-threaded workload, timed before anything else starts, and the time the machine last booted say so.
 */
final class HostSpeed {

    private static final int INTS = 4_000_000;
    private static final int PASSES = 5;

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
        return String.format("- Host: up since %s; one thread sorts %,d ints (`Arrays.sort`, best of %d) in %.0f ms. "
                + "Absolute figures of two runs compare only where these agree.", bootedAt(), INTS, PASSES, sortMillis());
    }
}
