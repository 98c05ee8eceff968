package io.contextstore.bench;

import io.contextstore.embedded.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Small commits at a steady rate while a vacuum makes its first pass over a table just loaded, as autovacuum does after
 * an import, a replay or a projector's catch-up (bench/profiling.md, 5 December 2026, late night). That pass dirties
 * every page of the table; left to the kernel, those pages go to disk in bursts, and a commit's WAL flush behind such a
 * burst waits. The vacuum runs at autovacuum's pace (cost delay 2 ms, limit 200), with the backend's write-back as
 * PostgreSQL ships it (never asked for) and as the embedded stack sets it ({@link PostgresServer#BACKEND_FLUSH_AFTER}).
 */
final class WritebackScenario {

    private static final String SCHEMA = "bench_writeback";
    private static final int COMMITTERS = 4;
    private static final int COMMITS_PER_SECOND = 200;

    private final BenchStack stack;
    private final int rows;

    WritebackScenario(BenchStack stack, int rows) {
        this.stack = stack;
        this.rows = rows;
    }

    /** One round: the commits' latencies, how long the vacuum took, and the most the kernel held dirty meanwhile. */
    record Result(Latencies.Summary commits, Duration vacuum, long peakDirtyKb) {
    }

    void create() throws SQLException {
        try (Connection c = superuser(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            s.execute("CREATE SCHEMA " + SCHEMA);
            // autovacuum stays off it: the round decides when the first pass runs, and how
            s.execute("CREATE TABLE " + SCHEMA + ".loaded (tenant_id uuid, event_id uuid, n bigint, data jsonb, "
                    + "PRIMARY KEY (tenant_id, event_id)) WITH (autovacuum_enabled = false)");
            s.execute("CREATE INDEX ON " + SCHEMA + ".loaded (tenant_id, n)");
            s.execute("CREATE TABLE " + SCHEMA + ".commits (id bigserial PRIMARY KEY, at timestamptz DEFAULT now())");
        }
    }

    void drop() throws SQLException {
        try (Connection c = superuser(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }

    /** Commits alone for {@code duration}: the ceiling, what a commit costs when nothing else writes. */
    Result alone(Duration duration) throws Exception {
        checkpoint();
        try (Committers committers = new Committers(); DirtyPages dirty = new DirtyPages()) {
            Log.pause(duration.toMillis());
            return new Result(committers.stop(), Duration.ZERO, dirty.peakKb());
        }
    }

    /** Loads the table afresh, checkpoints, then vacuums it with {@code flushAfter} while the commits run. */
    Result vacuumed(String flushAfter) throws Exception {
        load();
        try (Connection vacuum = superuser(); Statement s = vacuum.createStatement()) {
            s.execute("SET vacuum_cost_delay = '2ms'");
            s.execute("SET vacuum_cost_limit = 200");
            s.execute("SET backend_flush_after = '" + flushAfter + "'");
            try (Committers committers = new Committers(); DirtyPages dirty = new DirtyPages()) {
                long started = System.nanoTime();
                s.execute("VACUUM (ANALYZE) " + SCHEMA + ".loaded");
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                return new Result(committers.stop(), took, dirty.peakKb());
            }
        }
    }

    /** About 1.2 KiB a row, as an event of the read model; the checkpoint puts the load's own writes behind. */
    private void load() throws SQLException {
        try (Connection c = superuser(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE " + SCHEMA + ".loaded");
            s.execute("INSERT INTO " + SCHEMA + ".loaded SELECT ('00000000-0000-0000-0000-' || lpad((g % 100)::text, 12, "
                    + "'0'))::uuid, gen_random_uuid(), g, jsonb_build_object('title', 't' || g, 'text', repeat(md5(g::text), "
                    + "30)) FROM generate_series(1, " + rows + ") g");
        }
        checkpoint();
    }

    private void checkpoint() throws SQLException {
        try (Connection c = superuser(); Statement s = c.createStatement()) {
            s.execute("CHECKPOINT");
        }
    }

    private Connection superuser() throws SQLException {
        return stack.superuser();
    }

    /**
     * Connections that each insert a row and commit at a fixed pace. A commit is timed from when it was due, not from
     * when it was sent: commits that queue behind a stalled one on its connection wait as long as a client would.
     */
    private final class Committers implements AutoCloseable {

        private final ScheduledExecutorService pacer = Executors.newScheduledThreadPool(COMMITTERS);
        private final List<Connection> connections = new ArrayList<>();
        private final List<ScheduledFuture<?>> schedules = new ArrayList<>();
        private final Latencies latencies = new Latencies();
        private final AtomicLong failures = new AtomicLong();

        Committers() throws SQLException {
            List<PreparedStatement> inserts = new ArrayList<>();
            for (int i = 0; i < COMMITTERS; i++) {
                Connection connection = superuser();
                connections.add(connection);
                inserts.add(connection.prepareStatement("INSERT INTO " + SCHEMA + ".commits DEFAULT VALUES"));
            }
            long every = TimeUnit.SECONDS.toNanos(1) * COMMITTERS / COMMITS_PER_SECOND;
            long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10); // every schedule starts in the future
            for (int i = 0; i < COMMITTERS; i++) {
                PreparedStatement insert = inserts.get(i);
                long first = start + i * every / COMMITTERS;
                AtomicLong due = new AtomicLong(first); // a fixed-rate task never overlaps itself: one writer
                schedules.add(pacer.scheduleAtFixedRate(() -> commit(insert, due.getAndAdd(every)),
                        first - System.nanoTime(), every, TimeUnit.NANOSECONDS));
            }
        }

        private void commit(PreparedStatement insert, long due) {
            try {
                insert.executeUpdate(); // autocommit: the statement's return waits for its WAL flush
                latencies.record(System.nanoTime() - due);
            } catch (SQLException e) {
                failures.incrementAndGet();
            }
        }

        Latencies.Summary stop() {
            schedules.forEach(schedule -> schedule.cancel(false));
            pacer.shutdown();
            try {
                pacer.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (failures.get() > 0) {
                throw new IllegalStateException(failures.get() + " commits failed: no latency to report");
            }
            return latencies.summary();
        }

        @Override
        public void close() throws SQLException {
            pacer.shutdownNow();
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }

    /** The most {@code Dirty} in /proc/meminfo while open, sampled every 250 ms; -1 where there is no such file. */
    private static final class DirtyPages implements AutoCloseable {

        private static final Path MEMINFO = Path.of("/proc/meminfo");
        private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        private final AtomicLong peak = new AtomicLong(-1);

        DirtyPages() {
            sampler.scheduleAtFixedRate(this::sample, 0, 250, TimeUnit.MILLISECONDS);
        }

        private void sample() {
            try {
                for (String line : Files.readAllLines(MEMINFO)) {
                    if (line.startsWith("Dirty:")) {
                        long kb = Long.parseLong(line.replaceAll("\\D", ""));
                        peak.accumulateAndGet(kb, Math::max);
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // not Linux: the peak stays unknown
            }
        }

        long peakKb() {
            return peak.get();
        }

        @Override
        public void close() {
            sampler.shutdownNow();
        }
    }
}
