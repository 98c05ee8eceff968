package io.contextstore.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The machine's CPU time so far (Linux's {@code /proc/stat}: busy and idle jiffies of all cores) and this JVM's, so a
 * window can say how busy the cores were and how much of it was the services and the driver.
 */
record CoreTime(long busyTicks, long allTicks, long jvmNanos) {

    private static final Path STAT = Path.of("/proc/stat");
    /** The kernel's clock ticks per second ({@code USER_HZ}): 100 on every architecture Linux reports to user space. */
    private static final double TICKS_PER_SECOND = 100;

    static CoreTime now() {
        long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        try {
            String cpu = Files.readAllLines(STAT).get(0); // "cpu  user nice system idle iowait irq softirq steal ..."
            long[] ticks = Arrays.stream(cpu.substring(3).trim().split("\\s+")).limit(8).mapToLong(Long::parseLong)
                    .toArray();
            long all = Arrays.stream(ticks).sum();
            return new CoreTime(all - ticks[3] - ticks[4], all, jvm);
        } catch (IOException | RuntimeException e) {
            return new CoreTime(-1, -1, jvm);
        }
    }

    /** The machine's busy core time and this JVM's CPU time since this sample, for a load's clock. */
    Spent spentSince() {
        CoreTime now = now();
        return allTicks < 0 || now.allTicks < 0 ? new Spent(-1, now.jvmNanos - jvmNanos)
                : new Spent(now.busyTicks - busyTicks, now.jvmNanos - jvmNanos);
    }

    /**
     * CPU time a load took: busy core time of the whole machine (every process; ticks of {@code /proc/stat}, -1 where
     * it is not read) and this JVM's.
     */
    record Spent(long busyTicks, long jvmNanos) {

        /** Per event, in microseconds: e.g. "173 (48)", the machine's and in brackets this JVM's. */
        String perEvent(long events) {
            String jvm = String.format("%,.0f", jvmNanos / 1e3 / events);
            return busyTicks < 0 ? "- (" + jvm + ")" : String.format("%,.0f (%s)", machinePerEvent(events), jvm);
        }

        /** The machine's busy core time per event, in microseconds; NaN where /proc/stat was not read. */
        double machinePerEvent(long events) {
            return busyTicks < 0 ? Double.NaN : busyTicks * (1e6 / TICKS_PER_SECOND) / events;
        }
    }

    /** E.g. "cores busy: 97% (this JVM 55%)" since this sample, or "cores busy: not read" where /proc/stat is not. */
    String busySince() {
        CoreTime now = now();
        long all = now.allTicks - allTicks;
        if (allTicks < 0 || now.allTicks < 0 || all <= 0) {
            return "cores busy: not read";
        }
        double jvmShare = (now.jvmNanos - jvmNanos) / 1e9 * TICKS_PER_SECOND / all;
        return String.format("cores busy: %.0f%% (this JVM %.0f%%)", 100.0 * (now.busyTicks - busyTicks) / all,
                100.0 * jvmShare);
    }
}
