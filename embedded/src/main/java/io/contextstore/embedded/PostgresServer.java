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
    /**
     * How much a backend writes before it asks the kernel to write it back (PostgreSQL's default: never). The bench's
     * housekeeping section measures commits during a vacuum with it and without.
     */
    public static final String BACKEND_FLUSH_AFTER = "256kB";
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
                    // pages a backend writes out itself (autovacuum's above all: its first pass over a bulk load
                    // dirties every page) go to disk as they are written, not in the kernel's bursts that
                    // stalled commits' WAL flushes for up to 300 ms (ADR 47)
                    .setServerConfig("backend_flush_after", BACKEND_FLUSH_AFTER)
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
     * An immediate shutdown, as {@code pg_ctl stop -m immediate} (SIGQUIT to the postmaster): no checkpoint, clients
     * cut off; the next {@link #start()} recovers from the WAL, as after a crash. For fault tests.
     */
    public synchronized void stopImmediately() {
        if (postgres == null) {
            return;
        }
        long pid = pid();
        ProcessSignals.send(pid, "QUIT");
        ProcessHandle.of(pid).ifPresent(postmaster -> postmaster.onExit()
                .orTimeout(60, java.util.concurrent.TimeUnit.SECONDS).join());
        releaseStopped(postgres);
        postgres = null;
    }

    /**
     * Lets go of the library's handle of a server that is gone: its lock on the data directory (or the next start
     * in this JVM fails), and its "closed" flag set, so neither its shutdown hook nor anyone calls pg_ctl stop on the
     * directory again. Its own close() would do the first, but only after pg_ctl stop failed and it logged an ERROR
     * with a stack trace, which misleads whoever reads a fault test's log. Should the library's fields change, its
     * close() is the fallback.
     */
    private static void releaseStopped(EmbeddedPostgres gone) {
        try {
            ((java.util.concurrent.atomic.AtomicBoolean) field(gone, "closed")).set(true);
            ((java.nio.channels.FileLock) field(gone, "lock")).release();
            ((java.io.FileOutputStream) field(gone, "lockStream")).close();
        } catch (ReflectiveOperationException | RuntimeException | IOException changedLibrary) {
            try {
                gone.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static Object field(EmbeddedPostgres handle, String name) throws ReflectiveOperationException {
        java.lang.reflect.Field field = EmbeddedPostgres.class.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(handle);
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
