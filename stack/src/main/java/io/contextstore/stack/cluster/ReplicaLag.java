package io.contextstore.stack.cluster;

import io.contextstore.embedded.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The replica's lag as the primary sees it in pg_stat_replication: WAL written but not yet replayed there. */
final class ReplicaLag {

    private ReplicaLag() {
    }

    static long bytes(PostgresServer primary, String applicationName) {
        try (Connection connection = DriverManager.getConnection(primary.jdbcUrl("postgres"), PostgresServer.SUPERUSER, "");
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::bigint FROM pg_stat_replication"
                             + " WHERE application_name = ? AND replay_lsn IS NOT NULL")) {
            statement.setString(1, applicationName);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getLong(1) : -1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the replica's lag from the primary", e);
        }
    }
}
