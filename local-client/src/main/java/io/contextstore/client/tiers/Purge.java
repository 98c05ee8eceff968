package io.contextstore.client.tiers;

import io.contextstore.client.items.Kind;
import io.contextstore.events.ErasedAuthor;
import io.contextstore.events.EventKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A user was erased on the server (ADR 33): what this tier pulled of them below the erasure's offset goes.
 * Their own kinds' rows and their personal items of any kind (ADR 36) are deleted; their shared items stay with the
 * author replaced, as on the server.
 * Rows not yet confirmed by a pull (no cursor) are this device's own writes still on their way: kept.
 * Deleted rows leave no bytes behind: tier connections overwrite freed content (secure_delete), the
 * full-text index is merged here, and the puller truncates the write-ahead log after the page.
 */
public final class Purge {

    private Purge() {
    }

    /** @param offset the erasure's offset: rows pulled from below it (cursor = offset + 1 ≤ it) are purged */
    public static int apply(Connection connection, Tier tier, String userId, long offset) throws SQLException {
        int purged = 0;
        for (Kind kind : Kind.of(tier)) {
            boolean own = kind.event().visibility() == EventKind.Visibility.USER;
            int personal = 0;
            if (!own && !kind.isState()) {
                try (PreparedStatement statement = connection.prepareStatement("DELETE FROM " + kind.table()
                        + " WHERE user_id = ? AND cursor IS NOT NULL AND cursor <= ?"
                        + " AND event_id IN (SELECT event_id FROM row_scopes WHERE personal = 1)")) {
                    statement.setString(1, userId);
                    statement.setLong(2, offset);
                    personal = statement.executeUpdate();
                }
            }
            String sql = (own ? "DELETE FROM " + kind.table()
                    : "UPDATE " + kind.table() + " SET user_id = '" + ErasedAuthor.NAME + "', device_id = '" + ErasedAuthor.NAME + "'")
                    + " WHERE user_id = ? AND cursor IS NOT NULL AND cursor <= ?";
            int rows;
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setString(1, userId);
                statement.setLong(2, offset);
                rows = statement.executeUpdate();
            }
            if ((own && rows > 0) || personal > 0) {
                mergeFullTextIndex(connection, kind);
            }
            purged += rows + personal;
        }
        return purged;
    }

    /**
     * The user lost a project (ADR 36): every row this tier pulled naming it goes, whatever its scope, and every row
     * shared into it from elsewhere by another user (their own shared item is still theirs to read). The puller
     * then pulls the project from the beginning again, which brings back exactly what the user still reads of it
     * (items pushed tenant-wide before the project was restricted, their own in another scope). Rows not yet
     * confirmed by a pull are this device's own writes still on their way: kept, as by an erasure.
     *
     * @param userId this device's user
     */
    public static int project(Connection connection, Tier tier, String projectId, String userId) throws SQLException {
        int purged = 0;
        for (Kind kind : Kind.of(tier)) {
            int rows;
            try (PreparedStatement statement = connection.prepareStatement("DELETE FROM " + kind.table()
                    + " WHERE cursor IS NOT NULL AND (project_id = ? OR (user_id IS NOT ? AND event_id IN"
                    + " (SELECT event_id FROM row_scopes WHERE project = ? AND personal = 0)))")) {
                statement.setString(1, projectId);
                statement.setString(2, userId);
                statement.setString(3, projectId);
                rows = statement.executeUpdate();
            }
            if (rows > 0) {
                mergeFullTextIndex(connection, kind);
            }
            purged += rows;
        }
        return purged;
    }

    /** The full-text index only marks deleted rows; merging its segments drops their terms. */
    private static void mergeFullTextIndex(Connection connection, Kind kind) throws SQLException {
        if (kind.event().searchText().searchable()) {
            try (Statement optimize = connection.createStatement()) {
                optimize.execute("INSERT INTO " + kind.table() + "_fts(" + kind.table() + "_fts) VALUES ('optimize')");
            }
        }
    }
}
