package io.contextstore.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;

/**
 * A streaming replica (hot standby) of a {@link PostgresServer}, made with the same embedded binaries: the
 * bundle has no {@code pg_basebackup}, so the base backup is taken with the low-level backup API (ADR 40):
 * {@code pg_backup_start}, a copy of the data directory, {@code pg_backup_stop} and its backup label. The
 * replica then streams from a physical replication slot of the primary, which keeps every WAL segment the
 * replica has not received yet, from the backup's start on.
 */
public final class PostgresReplica {

    /** What a base backup leaves out (PostgreSQL's documentation: "Backing Up the Data Directory"). */
    private static final Set<String> NOT_COPIED = Set.of("postmaster.pid", "postmaster.opts", "backup_label",
            "tablespace_map", "pg_wal", "pg_replslot", "pg_stat_tmp", "pg_dynshmem", "pg_notify", "pg_serial",
            "pg_snapshots", "pg_subtrans");

    private PostgresReplica() {
    }

    /**
     * Creates (once: an existing standby is only started again) a replica of {@code primary} in
     * {@code directory}, its data directory, and starts it on {@code port} (0 = a free one).
     */
    public static PostgresServer start(PostgresServer primary, Path directory, int port, String slot) {
        if (!Files.exists(directory.resolve("standby.signal"))) {
            baseBackup(primary, directory, slot);
        }
        return PostgresServer.start(directory, port);
    }

    private static void baseBackup(PostgresServer primary, Path target, String slot) {
        try (Connection connection = DriverManager.getConnection(primary.jdbcUrl("postgres"), PostgresServer.SUPERUSER, "");
             Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_create_physical_replication_slot('" + slot + "', true)"
                    + " WHERE NOT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = '" + slot + "')");
            statement.execute("SELECT pg_backup_start('contextstore-replica', true)");
            copy(primary.directory(), target);
            try (ResultSet stop = statement.executeQuery("SELECT labelfile FROM pg_backup_stop(true)")) {
                stop.next();
                Files.writeString(target.resolve("backup_label"), stop.getString(1));
            }
            Files.createDirectories(target.resolve("pg_wal").resolve("archive_status"));
            Files.writeString(target.resolve("standby.signal"), "");
            Files.writeString(target.resolve("postgresql.auto.conf"), """
                    # a hot standby of the primary on port %d, written when the replica was made
                    primary_conninfo = 'host=127.0.0.1 port=%d user=%s application_name=%s'
                    primary_slot_name = '%s'
                    hot_standby = on
                    hot_standby_feedback = on
                    """.formatted(primary.port(), primary.port(), PostgresServer.SUPERUSER, slot, slot),
                    StandardOpenOption.APPEND);
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
        } catch (SQLException e) {
            throw new IllegalStateException("the base backup of the primary failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The data directory as it is while the backup runs: files may change or vanish, WAL replay repairs them. */
    private static void copy(Path source, Path target) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) throws IOException {
                Path relative = source.relativize(directory);
                Files.createDirectories(target.resolve(relative.toString()));
                // the excluded directories exist in the copy, empty
                return relative.getNameCount() == 1 && NOT_COPIED.contains(relative.toString())
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Path relative = source.relativize(file);
                if (relative.getNameCount() == 1 && NOT_COPIED.contains(relative.toString())) {
                    return FileVisitResult.CONTINUE;
                }
                try {
                    Files.copy(file, target.resolve(relative.toString()), StandardCopyOption.REPLACE_EXISTING);
                } catch (NoSuchFileException vanished) {
                    // a temporary file removed while the backup ran: the WAL says what became of it
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
    }
}
