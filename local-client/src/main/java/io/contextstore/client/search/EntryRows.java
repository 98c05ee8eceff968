package io.contextstore.client.search;

import io.contextstore.client.items.Kind;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads the rows of {@link Indexed#columns()} (then snippet and score) into entries. */
final class EntryRows {

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
                        rows.getString(11), score == null ? null : ((Number) score).doubleValue(), Entry.LOCAL));
            }
        }
        return entries;
    }
}
