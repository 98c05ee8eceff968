package io.contextstore.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The machine's CPU time so far (Linux's {@code /proc/stat}: busy and idle jiffies of all cores), this JVM's, and where
 * the broker's JVM is given, the broker's ({@code /proc/<pid>/stat}), so a window can say how busy the cores were and
 * whose work it was: the services and the driver, the broker, and the rest (mostly PostgreSQL's).
 */
record CoreTime(long busyTicks, long allTicks, long jvmNanos, long brokerPid, long brokerTicks) {

    private static final Path STAT = Path.of("/proc/stat");
    /** The kernel's clock ticks per second ({@code USER_HZ}): 100 on every architecture Linux reports to user space. */
    private static final double TICKS_PER_SECOND = 100;
    private static final long NOT_READ = -1;

    /** The machine's and this JVM's CPU time so far. */
    static CoreTime now() {
        return now(NOT_READ);
    }

    /** The same, and the CPU time of the broker's JVM, process {@code brokerPid} (-1: none). */
    static CoreTime now(long brokerPid) {
        long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        long broker = brokerPid < 0 ? NOT_READ : processTicks(brokerPid);
        try {
            String cpu = Files.readAllLines(STAT).get(0); // "cpu  user nice system idle iowait irq softirq steal ..."
            long[] ticks = Arrays.stream(cpu.substring(3).trim().split("\\s+")).limit(8).mapToLong(Long::parseLong)
                    .toArray();
            long all = Arrays.stream(ticks).sum();
            return new CoreTime(all - ticks[3] - ticks[4], all, jvm, brokerPid, broker);
        } catch (IOException | RuntimeException e) {
            return new CoreTime(NOT_READ, NOT_READ, jvm, brokerPid, broker);
        }
    }

    /** A process's user and system ticks so far, or -1 where it cannot be read. */
    private static long processTicks(long pid) {
        try {
            return ticksOf(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException | RuntimeException e) {
            return NOT_READ;
        }
    }

    /** User and system ticks (fields 14 and 15) of a {@code /proc/<pid>/stat} line. */
    static long ticksOf(String stat) {
        // the command name, field 2, is in parentheses and may hold spaces and ')': fields count after its last ')'
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** The machine's busy core time, this JVM's CPU time and the broker's since this sample, for a load's clock. */
    Spent spentSince() {
        CoreTime now = now(brokerPid);
        long broker = brokerTicks < 0 || now.brokerTicks < 0 ? NOT_READ : now.brokerTicks - brokerTicks;
        return new Spent(allTicks < 0 || now.allTicks < 0 ? NOT_READ : now.busyTicks - busyTicks,
                now.jvmNanos - jvmNanos, broker);
    }

    /**
     * CPU time a load took: busy core time of the whole machine (every process; ticks of {@code /proc/stat}, -1 where
     * it is not read), this JVM's, and the broker's (ticks, -1 where not read).
     */
    record Spent(long busyTicks, long jvmNanos, long brokerTicks) {

        /** Per event, in microseconds: e.g. "173 (48)", the machine's and in brackets this JVM's. */
        String perEvent(long events) {
            return machine(events) + " (" + jvm(events) + ")";
        }

        /** Per event, in microseconds: e.g. "86 (52; 7)", the machine's and in brackets this JVM's; the broker's. */
        String perEventWithBroker(long events) {
            String broker = brokerTicks < 0 ? "-" : String.format("%,.0f", ticksToMicros(brokerTicks) / events);
            return machine(events) + " (" + jvm(events) + "; " + broker + ")";
        }

        private String machine(long events) {
            return busyTicks < 0 ? "-" : String.format("%,.0f", machinePerEvent(events));
        }

        private String jvm(long events) {
            return String.format("%,.0f", jvmNanos / 1e3 / events);
        }

        /** The machine's busy core time per event, in microseconds; NaN where /proc/stat was not read. */
        double machinePerEvent(long events) {
            return busyTicks < 0 ? Double.NaN : ticksToMicros(busyTicks) / events;
        }

        private static double ticksToMicros(long ticks) {
            return ticks * (1e6 / TICKS_PER_SECOND);
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
