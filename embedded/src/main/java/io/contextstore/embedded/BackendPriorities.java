package io.contextstore.embedded;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the backends of one {@code application_name} on a PostgreSQL server of this machine a higher nice value as they
 * connect, so that background work (the search indexer's) takes the cores when a push, a projection or a pull does not
 * want them (ADR 48). Only who started the server knows its backends are processes of this machine, so the embedded
 * stack does this, not the service that opens the connections.
 */
public final class BackendPriorities implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BackendPriorities.class);
    private static final String BACKENDS = "SELECT pid FROM pg_stat_activity WHERE application_name = ?";

    private final PostgresServer server;
    private final String applicationName;
    private final int nice;
    private final ScheduledExecutorService scheduler;
    /** The backends of the last look: lowered then, or by a look before. */
    private Set<Long> lowered = Set.of();
    private Connection connection;
    private boolean failed;

    private BackendPriorities(PostgresServer server, String applicationName, int nice) {
        this.server = server;
        this.applicationName = applicationName;
        this.nice = nice;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "backend-priorities");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Looks for new backends of {@code applicationName} every {@code interval} until closed. */
    public static BackendPriorities lower(PostgresServer server, String applicationName, int nice, Duration interval) {
        BackendPriorities priorities = new BackendPriorities(server, applicationName, nice);
        priorities.scheduler.scheduleWithFixedDelay(priorities::look, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return priorities;
    }

    private synchronized void look() {
        if (failed) {
            return;
        }
        try {
            Set<Long> current = backends();
            for (long pid : current) {
                if (!lowered.contains(pid)) {
                    renice(pid);
                }
            }
            lowered = current; // not the ids of gone backends: one may come back as another's
        } catch (SQLException e) {
            closeConnection(); // the server restarts (fault tests), or stops before this does: connect again next time
        }
    }

    private Set<Long> backends() throws SQLException {
        if (connection == null) {
            connection = DriverManager.getConnection(server.jdbcUrl("postgres"), PostgresServer.SUPERUSER, "");
        }
        Set<Long> pids = new HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement(BACKENDS)) {
            statement.setString(1, applicationName);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    pids.add(rs.getLong(1));
                }
            }
        }
        return pids;
    }

    private void renice(long pid) {
        try {
            Process renice = new ProcessBuilder("renice", "-n", Integer.toString(nice), "-p", Long.toString(pid))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!renice.waitFor(10, TimeUnit.SECONDS)) {
                renice.destroyForcibly();
                giveUp("renice did not finish within 10 s");
            } else if (renice.exitValue() != 0 && ProcessHandle.of(pid).isPresent()) {
                // a backend that ended since the look fails too, and is no reason to give up
                giveUp("renice exited with " + renice.exitValue());
            }
        } catch (IOException e) {
            giveUp("renice did not start: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Without renice, or not allowed to: the backends keep their priority, which costs latency, not correctness. */
    private void giveUp(String why) {
        failed = true;
        log.warn("Backends of {} keep their CPU priority ({})", applicationName, why);
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already gone
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            closeConnection();
        }
    }
}
