package io.contextstore.client.sync;

import io.contextstore.client.tiers.Purge;
import io.contextstore.client.tiers.Tier;
import io.contextstore.client.tiers.TierDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Follows the projects a user reads (ADR 36) in a tier file: every pull page names them, and the tier keeps the
 * list it last applied ({@code projects} in {@code sync_state}), in the page's transaction. A project gone from the
 * list was lost: its rows are deleted now. A project that came or went gets a backfill: the project pulled from the
 * beginning up to the page's cursor (the pull after the cursor carries it from there on), which brings a gained
 * project's history and, after a loss, whatever of it the user still reads. Rows are matched by content and
 * event id, so nothing is doubled. A backfill's progress ({@code backfill:<project>} = "from/until") commits with
 * its rows, so an interrupted one resumes.
 */
final class ProjectScopes {

    static final String PROJECTS = "projects";
    private static final String BACKFILL = "backfill:";

    /** A project to pull again, from {@code from} until the tier's cursor was {@code until}. */
    record Backfill(String project, long from, long until) {
    }

    private ProjectScopes() {
    }

    /**
     * @param userId this device's user, whose own items shared into a lost project stay theirs
     * @return rows purged of lost projects
     */
    static int apply(Connection connection, Tier tier, List<String> projects, long nextCursor, String userId)
            throws SQLException {
        if (projects == null) { // a server that does not say: nothing to follow
            return 0;
        }
        Set<String> now = new TreeSet<>(projects);
        String stored = TierDatabase.stateIn(connection, PROJECTS);
        int purged = 0;
        if (stored != null) { // the first list is where the tier starts from: it holds what it pulled so far
            Set<String> before = new TreeSet<>(stored.isEmpty() ? List.of() : Arrays.asList(stored.split(",")));
            for (String project : before) {
                if (!now.contains(project)) {
                    purged += Purge.project(connection, tier, project, userId);
                    schedule(connection, project, nextCursor);
                }
            }
            for (String project : now) {
                if (!before.contains(project)) {
                    schedule(connection, project, nextCursor);
                }
            }
        }
        TierDatabase.setState(connection, PROJECTS, String.join(",", now));
        return purged;
    }

    static List<Backfill> pending(Connection connection) throws SQLException {
        List<Backfill> pending = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT substr(name, " + (BACKFILL.length() + 1) + "), value FROM sync_state WHERE name LIKE 'backfill:%'");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                String[] range = rows.getString(2).split("/");
                pending.add(new Backfill(rows.getString(1), Long.parseLong(range[0]), Long.parseLong(range[1])));
            }
        }
        return pending;
    }

    /** After a backfill page: carry on from {@code next}, or done once it reached {@code until} or the end. */
    static void advance(Connection connection, Backfill backfill, long next, boolean more) throws SQLException {
        if (more && next < backfill.until()) {
            TierDatabase.setState(connection, BACKFILL + backfill.project(), next + "/" + backfill.until());
        } else {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM sync_state WHERE name = ?")) {
                delete.setString(1, BACKFILL + backfill.project());
                delete.executeUpdate();
            }
        }
    }

    /** A later change of the same project restarts its backfill from the beginning, up to the later cursor. */
    private static void schedule(Connection connection, String project, long until) throws SQLException {
        TierDatabase.setState(connection, BACKFILL + project, "0/" + until);
    }
}
