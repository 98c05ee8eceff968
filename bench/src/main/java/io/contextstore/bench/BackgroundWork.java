package io.contextstore.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What PostgreSQL did beside a measured window besides serving it: which tables autovacuum worked on and for how long
 * (sampled), and the checkpoints it completed. A tail that lines up with this work is the database's housekeeping,
 * which the measured load shares two cores with; the report says so beside each figure instead of leaving it to guess.
 * Reads as the embedded server's superuser, the only role that sees which table another backend vacuums. Beside it, how
 * busy the machine's cores were over the window, and this JVM's share (services and driver): a tail on cores that were
 * all busy is a wait for a core.
 */
final class BackgroundWork implements AutoCloseable {

    private static final long EVERY_MS = 250;
    private static final String VACUUMS = "SELECT coalesce(p.relid::regclass::text, '?') FROM pg_stat_progress_vacuum p";
    private static final String CHECKPOINTS = "SELECT num_timed + num_requested, write_time + sync_time FROM pg_stat_checkpointer";

    private final Connection connection;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "bench-background-work");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Integer> vacuumSamples = new TreeMap<>();
    private final Checkpoints atStart;
    private final CoreTime coresAtStart = CoreTime.now();
    private volatile String failure;

    private BackgroundWork(Connection connection) throws SQLException {
        this.connection = connection;
        this.atStart = checkpoints();
        sampler.scheduleAtFixedRate(this::sample, 0, EVERY_MS, TimeUnit.MILLISECONDS);
    }

    static BackgroundWork start(BenchStack stack) throws SQLException {
        return new BackgroundWork(stack.superuser());
    }

    /** Stops sampling; answers, e.g., "autovacuum: decisions 4.2 s, context_events 1.0 s; checkpoints: 1 (3.1 s …)". */
    String describe() throws SQLException {
        stopSampling();
        if (failure != null) {
            return "not sampled (SQLSTATE " + failure + ")";
        }
        Checkpoints now = checkpoints();
        long done = now.completed() - atStart.completed();
        StringJoiner vacuums = new StringJoiner(", ", "autovacuum: ", "").setEmptyValue("autovacuum: none");
        synchronized (vacuumSamples) {
            vacuumSamples.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .forEach(e -> vacuums.add(String.format("%s %.1f s", e.getKey(), e.getValue() * EVERY_MS / 1000.0)));
        }
        return vacuums + "; checkpoints: " + done
                + (done == 0 ? "" : String.format(" (%.1f s writing and syncing)", (now.millis() - atStart.millis()) / 1000.0))
                + "; " + coresAtStart.busySince();
    }

    private void sample() {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(VACUUMS)) {
            while (rows.next()) {
                synchronized (vacuumSamples) {
                    vacuumSamples.merge(rows.getString(1), 1, Integer::sum);
                }
            }
        } catch (SQLException e) {
            failure = e.getSQLState();
            sampler.shutdown();
        }
    }

    /** The checkpoints PostgreSQL has completed, and the milliseconds they spent writing and syncing, so far. */
    private record Checkpoints(long completed, long millis) {
    }

    private Checkpoints checkpoints() throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(CHECKPOINTS)) {
            row.next();
            return new Checkpoints(row.getLong(1), (long) row.getDouble(2));
        }
    }

    private void stopSampling() {
        sampler.shutdown();
        try {
            if (!sampler.awaitTermination(5, TimeUnit.SECONDS)) {
                sampler.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws SQLException {
        stopSampling();
        connection.close();
    }
}
