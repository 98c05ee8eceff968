package io.contextstore.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server from the binaries on the class path (no installation, works as root),
 * with durable settings: fsync and synchronous commit on. Its data directory persists between runs.
 * Local superuser connections are trusted; every other role must give its password (SCRAM).
 */
public final class PostgresServer implements AutoCloseable {

    public static final String SUPERUSER = "postgres";
    private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);

    private final Path directory;
    private final int port;
    private EmbeddedPostgres postgres;

    private PostgresServer(Path directory, int port) {
        this.directory = directory;
        this.port = port;
    }

    public static PostgresServer start(Path directory, int port) {
        PostgresServer server = new PostgresServer(directory, port == 0 ? FreePorts.next() : port);
        server.start();
        return server;
    }

    public synchronized void start() {
        if (postgres != null) {
            return;
        }
        try {
            Files.createDirectories(directory);
            stopOrphanedPostmaster();
            long started = System.nanoTime();
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("max_connections", "200")
                    // the library's 128 MB fill up with dirty pages under a steady write load, and then
                    // every backend writes pages out itself, in the middle of its own statements
                    .setServerConfig("shared_buffers", "512MB")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setDataDirectoryCustomizer(dir -> writeAccessRules(dir.toPath()))
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(directory.resolveSibling("postgres.log").toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(directory.resolveSibling("postgres.log").toFile()))
                    .start();
            log.info("PostgreSQL ready on 127.0.0.1:{} in {} ms (data {})", port,
                    (System.nanoTime() - started) / 1_000_000, directory);
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start; see " + directory.resolveSibling("postgres.log"), e);
        }
    }

    /** The postmaster's process id, from its pid file: what a fault test sends SIGKILL or SIGSTOP to. */
    public synchronized long pid() {
        try {
            return Long.parseLong(Files.readAllLines(directory.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL is not running in " + directory, e);
        }
    }

    public Path directory() {
        return directory;
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** A clean (fast) shutdown, as an operator's pg_ctl stop would do. */
    public synchronized void stop() {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            postgres = null;
        }
    }

    /**
     * An immediate shutdown ({@code pg_ctl -m immediate}): SIGQUIT to the postmaster, which ends every backend at once
     * without a checkpoint, so the next {@link #start()} runs crash recovery from the WAL, as after a power cut.
     */
    public synchronized void stopImmediately() {
        if (postgres == null) {
            return;
        }
        long postmaster = pid();
        ProcessSignals.send(postmaster, "QUIT");
        ProcessHandle.of(postmaster).ifPresent(p -> p.onExit().orTimeout(60, java.util.concurrent.TimeUnit.SECONDS).join());
        stop(); // releases the library's lock on the data directory; there is no server left for it to stop
    }

    public synchronized boolean isRunning() {
        return postgres != null;
    }

    @Override
    public void close() {
        stop();
    }

    private static void writeAccessRules(Path dataDirectory) {
        String rules = """
                # written by Context Store's embedded PostgreSQL at every start
                local all all trust
                host all postgres 127.0.0.1/32 trust
                host replication postgres 127.0.0.1/32 trust
                host all all 127.0.0.1/32 scram-sha-256
                """;
        try {
            Files.writeString(dataDirectory.resolve("pg_hba.conf"), rules);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A previous owner killed with SIGKILL leaves its postmaster running: stop it before starting. */
    private void stopOrphanedPostmaster() throws IOException {
        Path pidFile = directory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<ProcessHandle> orphan = Files.readAllLines(pidFile).stream().findFirst()
                .map(String::trim)
                .filter(line -> line.matches("\\d+"))
                .flatMap(pid -> ProcessHandle.of(Long.parseLong(pid)))
                .filter(ProcessHandle::isAlive);
        if (orphan.isPresent()) {
            log.warn("Stopping an orphaned PostgreSQL (pid {}) left by an earlier run", orphan.get().pid());
            orphan.get().destroy();
            orphan.get().onExit().orTimeout(60, java.util.concurrent.TimeUnit.SECONDS).join();
        }
    }
}
