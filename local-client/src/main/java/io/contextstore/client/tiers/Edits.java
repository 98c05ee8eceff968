package io.contextstore.client.tiers;

import io.contextstore.client.items.Kind;
import io.contextstore.events.EventKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How a tier follows edits (ADR 39): a pulled version replaces the rows of the versions it names, and the tier
 * remembers which item it belongs to. Pulls arrive in log order, so a device that pulls from the beginning ends with
 * exactly the current versions: both sides of a conflict until an edit names them, none of a retracted item.
 */
public final class Edits {

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

    /** Before the event's own row is written: drop the rows it replaces, and note its item. */
    public static void pulled(Connection connection, Tier tier, PulledEvent event) throws SQLException {
        if (event.item() == null || !held(tier)) {
            return;
        }
        if (!event.item().supersedes().isEmpty()) {
            String cursors = event.item().supersedes().stream().map(String::valueOf).collect(Collectors.joining(", "));
            for (Kind kind : Kind.of(tier)) {
                if (kind.event().editable() || kind.event() == EventKind.RETRACTION) {
                    try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + kind.table()
                            + " WHERE cursor IN (" + cursors + ")")) { // numbers parsed from JSON: no text reaches SQL
                        delete.executeUpdate();
                    }
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
