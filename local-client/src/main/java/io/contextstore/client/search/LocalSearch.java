package io.contextstore.client.search;

import io.contextstore.client.LocalContext;
import io.contextstore.client.items.Kind;
import io.contextstore.client.tiers.Tier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Search, show and list over the tier files of this machine, and nothing else: no network. A tier file
 * that does not exist yet has nothing in it and is not created by reading it.
 */
public final class LocalSearch {

    /** How a search marks the matched words in a snippet. */
    public record Highlight(String open, String close) {
        public static final Highlight BRACKETS = new Highlight("[", "]");
        public static final Highlight MARKDOWN = new Highlight("**", "**");
    }

    /** Tasks still to do, as a condition for {@link #list}: what a session should pick up. */
    public static final String OPEN_TASKS = "t.status IN ('pending', 'in_progress', 'blocked')";

    private final LocalContext context;

    public LocalSearch(LocalContext context) {
        this.context = context;
    }

    /**
     * The best matches for what was typed, best first: rows matching every term, then, if that leaves
     * room, rows matching any term. bm25 scores of different tables are compared as they are; they are
     * of one scale, if not of one corpus.
     */
    public List<Entry> search(String text, Filter filter, Highlight highlight) {
        FtsQuery query = FtsQuery.parse(text);
        if (query.isEmpty()) {
            return List.of();
        }
        Map<String, Entry> found = new LinkedHashMap<>();
        matching(query.allOf(), filter, highlight).forEach(entry -> found.putIfAbsent(entry.id(), entry));
        if (found.size() < filter.limit() && query.hasAlternatives()) {
            matching(query.anyOf(), filter, highlight).forEach(entry -> found.putIfAbsent(entry.id(), entry));
        }
        return found.values().stream().limit(filter.limit()).toList();
    }

    private List<Entry> matching(String match, Filter filter, Highlight highlight) {
        List<Entry> entries = new ArrayList<>();
        for (Indexed indexed : filter.kinds()) {
            withTier(indexed.kind().tier(), c -> {
                try (PreparedStatement select = c.prepareStatement(indexed.searchSql(filter.projectCondition()))) {
                    int i = 1;
                    select.setString(i++, highlight.open());
                    select.setString(i++, highlight.close());
                    select.setString(i++, match);
                    if (filter.project() != null) {
                        select.setString(i++, filter.project());
                    }
                    select.setInt(i, filter.limit());
                    entries.addAll(EntryRows.read(indexed.kind(), select));
                }
            });
        }
        // Not Comparator.comparingDouble: its comparator is a serializable lambda, which the class data archive cannot
        // hold, so every hook spun a class for it at run time.
        entries.sort((a, b) -> Double.compare(a.score(), b.score()));
        return entries;
    }

    /** The newest items of one kind; {@code condition} is an extra SQL condition on {@code t} (may be null). */
    public List<Entry> list(Indexed indexed, Filter filter, String condition) {
        List<Entry> entries = new ArrayList<>();
        withTier(indexed.kind().tier(), c -> {
            try (PreparedStatement select = c.prepareStatement(indexed.listSql(filter.projectCondition(),
                    filter.since() != null, condition))) {
                int i = 1;
                if (filter.project() != null) {
                    select.setString(i++, filter.project());
                }
                if (filter.since() != null) {
                    select.setString(i++, filter.since().toString());
                }
                select.setInt(i, filter.limit());
                entries.addAll(EntryRows.read(indexed.kind(), select));
            }
        });
        return entries;
    }

    /** One item by the server's event id, or by {@code local:<kind>:<row id>}. */
    public Optional<Entry> show(String id) {
        String[] local = id.split(":", -1);
        if (local.length == 3 && local[0].equals("local")) {
            Optional<Kind> kind = Kind.fromWireName(local[1]);
            long rowId;
            try {
                rowId = Long.parseLong(local[2]);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            return kind.flatMap(Indexed::find).flatMap(indexed -> first(indexed, "t.id = ?", rowId));
        }
        for (Indexed indexed : Indexed.values()) {
            Optional<Entry> entry = first(indexed, "t.event_id = ?", id);
            if (entry.isPresent()) {
                return entry;
            }
        }
        return Optional.empty();
    }

    /** The row of some content, once written. */
    public Optional<Entry> byContentHash(Kind kind, String contentHash) {
        return first(Indexed.of(kind), "t.content_hash = ?", contentHash);
    }

    /** Every stored field of the item's row, for {@code ctx show}. */
    public Map<String, Object> fields(Entry entry) {
        Map<String, Object> fields = new LinkedHashMap<>();
        withTier(entry.kind().tier(), c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT * FROM " + entry.kind().table() + " WHERE id = ?")) {
                select.setLong(1, entry.rowId());
                try (ResultSet rows = select.executeQuery()) {
                    if (rows.next()) {
                        for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                            fields.put(rows.getMetaData().getColumnName(i), rows.getObject(i));
                        }
                    }
                }
            }
        });
        return fields;
    }

    private Optional<Entry> first(Indexed indexed, String condition, Object id) {
        List<Entry> found = new ArrayList<>();
        withTier(indexed.kind().tier(), c -> {
            try (PreparedStatement select = c.prepareStatement(indexed.showSql(condition))) {
                select.setObject(1, id);
                found.addAll(EntryRows.read(indexed.kind(), select));
            }
        });
        return found.stream().findFirst();
    }

    @FunctionalInterface
    interface Read {
        void run(Connection connection) throws SQLException;
    }

    void withTier(Tier tier, Read read) {
        context.existingTier(tier).ifPresent(database -> database.read(c -> {
            read.run(c);
            return null;
        }));
    }
}
