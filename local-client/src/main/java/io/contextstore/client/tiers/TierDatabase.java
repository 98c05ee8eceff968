package io.contextstore.client.tiers;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import org.sqlite.jdbc4.JDBC4Connection;

/**
 * One open tier file: WAL mode, migrated forward on open, transactions that take the write lock at
 * BEGIN (so a hook and a sync writing at once wait for each other instead of failing). The sessions
 * file, which holds the queue, commits with {@code synchronous=FULL}: a commit has reached the disk
 * when it returns. The other tiers use NORMAL: WAL keeps them consistent, and what a power cut could
 * take back is still in the queue or is pulled again from the cursor committed with it.
 */
public final class TierDatabase implements AutoCloseable {

    /** A unit of work inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private static final int BUSY_TIMEOUT_MILLIS = 30_000;

    private final Tier tier;
    private final Connection connection;
    /**
     * Held around every use of the connection, and shared by the tiers of one {@code LocalContext}: a JDBC
     * connection is one transaction at a time, and {@code ctx mcp} uses its tiers from two threads (its tools and the
     * live sync). Unguarded, one thread's commit or its return to auto-commit landed inside the other's transaction.
     * One lock for all tiers, so work that spans tiers cannot deadlock; SQLite serializes writers anyway.
     */
    private final ReentrantLock access;

    private TierDatabase(Tier tier, Connection connection, ReentrantLock access) {
        this.tier = tier;
        this.connection = connection;
        this.access = access;
    }

    public static TierDatabase open(Path directory, Tier tier) {
        return open(directory, tier, new ReentrantLock());
    }

    /** Opens the tier's file; {@code access} is the lock of the tiers it is used with (see {@link #access}). */
    public static TierDatabase open(Path directory, Tier tier, ReentrantLock access) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(tier == Tier.SESSIONS ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        // Deleted content is overwritten, not left in free pages: a purged erasure or a drained secret-free
        // queue row must not stay readable in the file's bytes (ADR 33).
        config.setPragma(SQLiteConfig.Pragma.SECURE_DELETE, "true");
        String file = directory.resolve(tier.fileName()).toString();
        try {
            // sqlite-jdbc's connection class itself: DriverManager would only register the driver and look it up
            // again, in every process, a short-lived hook's included (ADR 34).
            Connection connection = connect(file, config.toProperties());
            TierDatabase database = new TierDatabase(tier, connection, access);
            try {
                database.migrate();
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
            return database;
        } catch (SQLException e) {
            throw new LocalStoreException("cannot open " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens the connection, trying again while the file is busy. Opening applies {@code journal_mode=WAL}, and on a
     * file that another process is creating at that moment (two hooks, or a hook and {@code ctx mcp}, on a new home)
     * SQLite answers SQLITE_BUSY at once instead of waiting for the busy timeout.
     */
    private static Connection connect(String file, Properties properties) throws SQLException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BUSY_TIMEOUT_MILLIS);
        for (int attempt = 1; ; attempt++) {
            try {
                return new JDBC4Connection("jdbc:sqlite:" + file, file, properties);
            } catch (SQLiteException e) {
                if (e.getResultCode() != SQLiteErrorCode.SQLITE_BUSY || System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    TimeUnit.MILLISECONDS.sleep(Math.min(100, 5L * attempt)); // the other opener's switch takes ms
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    public Tier tier() {
        return tier;
    }

    /** The schema version this ctx migrates {@code tier} files to. */
    public static int latestVersion(Tier tier) {
        return Migrations.of(tier).size();
    }

    /** The schema version, read from the file. */
    public int version() {
        access.lock();
        try {
            return userVersion();
        } catch (SQLException e) {
            throw new LocalStoreException("cannot read the schema version of " + tier.fileName(), e);
        } finally {
            access.unlock();
        }
    }

    public <T> T inTransaction(Work<T> work) {
        access.lock();
        try {
            return transaction(work);
        } finally {
            access.unlock();
        }
    }

    /**
     * Without the lock: for the migration in {@link #open}, before any other thread can see this tier. Taking the
     * lock there would order it after the context's monitor, which opens tiers, while a transaction that asks the
     * context for a tier orders them the other way round.
     */
    private <T> T transaction(Work<T> work) {
        try {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new LocalStoreException(tier.fileName() + ": " + e.getMessage(), e);
        }
    }

    /** A read outside any explicit transaction. */
    public <T> T read(Work<T> work) {
        access.lock();
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw new LocalStoreException(tier.fileName() + ": " + e.getMessage(), e);
        } finally {
            access.unlock();
        }
    }

    public String state(String name) {
        return read(c -> stateIn(c, name));
    }

    public static String stateIn(Connection connection, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT value FROM sync_state WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    public static void setState(Connection connection, String name, String value) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(
                "INSERT INTO sync_state (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value")) {
            upsert.setString(1, name);
            upsert.setString(2, value);
            upsert.executeUpdate();
        }
    }

    /** The numbered migrations, then each kind's table and columns from the catalogue ({@link KindTables}). */
    private void migrate() throws SQLException {
        List<List<String>> migrations = Migrations.of(tier);
        if (current(migrations.size())) {
            return; // the common case costs one read and takes no lock
        }
        transaction(c -> {
            int current = userVersion(); // again, under the write lock: another process may have migrated
            if (current > migrations.size()) {
                throw new LocalStoreException(tier.fileName() + " has schema version " + current
                        + " but this ctx knows only up to " + migrations.size() + ": use a newer ctx", null);
            }
            try (Statement statement = c.createStatement()) {
                for (int version = current; version < migrations.size(); version++) {
                    for (String sql : migrations.get(version)) {
                        statement.executeUpdate(sql);
                    }
                }
                statement.executeUpdate("PRAGMA user_version = " + migrations.size());
                for (String sql : KindTables.missing(c, tier)) {
                    statement.executeUpdate(sql);
                }
            }
            return null;
        });
    }

    /** At the latest numbered migration, with every kind's table and column: one read of the schema. */
    private boolean current(int latest) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(KindTables.probe(tier))) {
            rows.next();
            return rows.getInt(1) == latest && rows.getBoolean(2);
        }
    }

    private int userVersion() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA user_version")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /**
     * Copies the write-ahead log into the file and truncates it, so that page images written before a purge
     * (the content as it was) leave the log; outside any transaction. Best effort: a reader in another process
     * can keep part of the log until its next checkpoint.
     */
    public void truncateLog() {
        access.lock();
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch (SQLException e) {
            throw new LocalStoreException("cannot checkpoint " + tier.fileName() + ": " + e.getMessage(), e);
        } finally {
            access.unlock();
        }
    }

    @Override
    public void close() {
        access.lock();
        try {
            connection.close();
        } catch (SQLException e) {
            throw new LocalStoreException("cannot close " + tier.fileName(), e);
        } finally {
            access.unlock();
        }
    }
}
