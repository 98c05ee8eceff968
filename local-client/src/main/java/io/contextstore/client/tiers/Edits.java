package io.contextstore.client.tiers;

import io.contextstore.client.items.Kind;
import io.contextstore.events.EventKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How a tier follows edits (ADR 39): a pulled version replaces the rows of the versions it names, and the tier
 * remembers which item it belongs to. Pulls arrive in log order, so a device that pulls from the beginning ends with
 * exactly the current versions: both sides of a conflict until an edit names them, none of a retracted item.
 */
public final class Edits {

    /** Rows asked about in one statement: far below SQLite's limit on parameters. */
    private static final int CHUNK = 500;

    private Edits() {
    }

    /** Whether the tier holds kinds that can be edited (org, projects). */
    public static boolean held(Tier tier) {
        return Kind.of(tier).stream().anyMatch(kind -> kind.event().editable());
    }

    /**
     * The kinds a tier pulls: its own, and retractions where it holds editable kinds they live elsewhere (project
     * context is retracted by an event of the org tier's kind).
     */
    public static List<Kind> pulledKinds(Tier tier) {
        List<Kind> kinds = new ArrayList<>(Kind.of(tier));
        Kind retraction = Kind.of(EventKind.RETRACTION);
        if (held(tier) && !kinds.contains(retraction)) {
            kinds.add(retraction);
        }
        return kinds;
    }

    /**
     * The kinds of the tier whose rows are versions of items: its editable kinds, and retractions where the tier keeps
     * them (org; the projects tier follows retractions without keeping them, so a project item retracted in a conflict
     * shows its other side only).
     */
    public static List<Kind> versionKinds(Tier tier) {
        return Kind.of(tier).stream().filter(kind -> kind.event().editable() || kind.event() == EventKind.RETRACTION).toList();
    }

    /** Before the event's own row is written: drop the rows it replaces, and note its item. */
    public static void pulled(Connection connection, Tier tier, PulledEvent event) throws SQLException {
        if (event.item() == null || !held(tier)) {
            return;
        }
        if (!event.item().supersedes().isEmpty()) {
            String cursors = event.item().supersedes().stream().map(String::valueOf).collect(Collectors.joining(", "));
            for (Kind kind : versionKinds(tier)) {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + kind.table()
                        + " WHERE cursor IN (" + cursors + ")")) { // numbers parsed from JSON: no text reaches SQL
                    delete.executeUpdate();
                }
            }
        }
        try (PreparedStatement item = connection.prepareStatement(
                "INSERT OR REPLACE INTO item_of (event_id, item_id) VALUES (?, ?)")) {
            item.setString(1, event.id());
            item.setString(2, event.item().itemId());
            item.executeUpdate();
        }
    }

    /**
     * SQL: the item of the row {@code alias} (one of {@link #versionKinds}), as {@link #itemOf(Connection, String)}
     * finds it.
     */
    public static String itemOf(String alias) {
        return "coalesce((SELECT item_id FROM item_of WHERE event_id = " + alias + ".event_id), " + alias + ".event_id)";
    }

    /**
     * SQL condition: the row {@code alias} is a current version of {@code item} (an SQL expression) that the server
     * confirmed. The same as {@code itemOf(alias) = item}, since an item's own id is never a later version of another,
     * but it finds the rows by index (item_of's by item, the tables' by event) instead of reading every row.
     */
    private static String versionOf(String alias, String item) {
        return alias + ".cursor IS NOT NULL AND (" + alias + ".event_id = " + item + " OR " + alias
                + ".event_id IN (SELECT event_id FROM item_of WHERE item_id = " + item + "))";
    }

    /**
     * The item of each of these confirmed rows of an editable kind (by event id) and how many current versions of it
     * the tier holds; more than one is a conflict. Only what was pulled counts: an edit made here and not yet synced
     * is a row of its own until the pull that confirms it says whose version it is. Asked for the rows a listing
     * shows, after it chose them, so a listing pays a few look-ups per row shown whatever the size of the tier.
     */
    public static Map<String, CurrentVersions> current(Connection connection, Kind kind, List<String> eventIds)
            throws SQLException {
        String item = itemOf("t");
        String count = versionKinds(kind.tier()).stream().map(table -> "(SELECT count(*) FROM " + table.table() + " v WHERE "
                + versionOf("v", item) + ")").collect(Collectors.joining(" + "));
        Map<String, CurrentVersions> current = new HashMap<>();
        for (int from = 0; from < eventIds.size(); from += CHUNK) {
            List<String> chunk = eventIds.subList(from, Math.min(eventIds.size(), from + CHUNK));
            try (PreparedStatement select = connection.prepareStatement("SELECT t.event_id, " + item + ", " + count + " FROM "
                    + kind.table() + " t WHERE t.cursor IS NOT NULL AND t.event_id IN (" + "?, ".repeat(chunk.size() - 1) + "?)")) {
                for (int i = 0; i < chunk.size(); i++) {
                    select.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        current.put(rows.getString(1), new CurrentVersions(rows.getString(2), rows.getInt(3)));
                    }
                }
            }
        }
        return current;
    }

    /** The cursors of the current versions of {@code item} the tier holds, oldest first. */
    public static List<Long> versions(Connection connection, Tier tier, String item) throws SQLException {
        String rows = versionKinds(tier).stream().map(kind -> "SELECT cursor FROM " + kind.table() + " v WHERE "
                + versionOf("v", "?1")).collect(Collectors.joining(" UNION ALL "));
        List<Long> versions = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(rows + " ORDER BY cursor")) {
            select.setString(1, item);
            try (ResultSet found = select.executeQuery()) {
                while (found.next()) {
                    versions.add(found.getLong(1));
                }
            }
        }
        return versions;
    }

    /** The item a row's event belongs to: itself unless a pull said it is a later version of another. */
    public static String itemOf(Connection connection, String eventId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT item_id FROM item_of WHERE event_id = ?")) {
            select.setString(1, eventId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getString(1) : eventId;
            }
        }
    }
}
