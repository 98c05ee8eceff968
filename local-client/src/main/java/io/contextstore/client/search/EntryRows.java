package io.contextstore.client.search;

import io.contextstore.client.items.Kind;
import io.contextstore.client.tiers.CurrentVersions;
import io.contextstore.client.tiers.Edits;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads the rows of {@link Indexed#columns()} (then snippet and score) into entries. */
final class EntryRows {

    /** A row the server has not confirmed: no item yet, and no version of one. */
    private static final CurrentVersions UNCONFIRMED = new CurrentVersions(null, 0);

    private EntryRows() {
    }

    static List<Entry> read(Kind kind, PreparedStatement select) throws SQLException {
        List<Entry> entries = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                long rowId = rows.getLong(1);
                String eventId = rows.getString(2);
                Object score = rows.getObject(12);
                entries.add(new Entry(eventId != null ? eventId : "local:" + kind.wireName() + ":" + rowId, kind, rowId,
                        rows.getString(3), rows.getString(4), rows.getString(5), rows.getString(6),
                        Ages.parse(rows.getString(7)), rows.getString(8), rows.getString(9), rows.getString(10),
                        rows.getString(11), score == null ? null : ((Number) score).doubleValue(), Entry.LOCAL, null));
            }
        }
        return kind.event().editable() ? withVersions(kind, select.getConnection(), entries) : entries;
    }

    /**
     * Each row of a kind that can be edited with its item and how many current versions of it the tier holds, so that
     * search, list and show alike mark a conflict (ADR 39); asked once the rows are chosen, for those rows only.
     */
    private static List<Entry> withVersions(Kind kind, Connection connection, List<Entry> entries) throws SQLException {
        Map<String, CurrentVersions> current = Edits.current(connection, kind,
                entries.stream().filter(Entry::confirmed).map(Entry::id).toList());
        return entries.stream().map(entry -> entry.withVersions(current.getOrDefault(entry.id(), UNCONFIRMED))).toList();
    }
}
