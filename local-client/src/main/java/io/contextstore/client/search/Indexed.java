package io.contextstore.client.search;

import io.contextstore.client.items.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How each kind is searched, listed and shown on this machine: one per kind of the catalogue that has
 * text to search ({@code EventKind.searchText()}), made from it, so a new kind is searched, listed and shown
 * with no line here (see {@link Presentation} for what is derived, and for the kinds of release 1 that keep
 * their earlier presentation). Its FTS5 table is the one {@code tiers.KindTables} derives from the same
 * entry. The named constants are only the kinds that client code names.
 */
public final class Indexed {

    // Declared before the constants: they are looked up in it while the class initializes.
    private static final List<Indexed> ALL = Presentation.searchOrder().stream()
            .map(kind -> new Indexed(kind, Presentation.of(kind))).toList();
    private static final Map<String, Indexed> BY_NAME = byName();

    public static final Indexed DECISION = of(Kind.DECISION);
    public static final Indexed LEARNING = of(Kind.LEARNING);
    public static final Indexed ERROR_SOLUTION = of(Kind.ERROR_SOLUTION);
    public static final Indexed TASK = of(Kind.TASK);
    public static final Indexed MESSAGE = of(Kind.MESSAGE);
    public static final Indexed PROJECT_CONTEXT = of(Kind.PROJECT_CONTEXT);

    private final Kind kind;
    private final Presentation shown;

    private Indexed(Kind kind, Presentation shown) {
        this.kind = kind;
        this.shown = shown;
    }

    private static Map<String, Indexed> byName() {
        Map<String, Indexed> byName = new HashMap<>();
        for (Indexed indexed : ALL) {
            for (String name : indexed.shown.names()) {
                Indexed other = byName.put(name, indexed);
                if (other != null && other != indexed) {
                    throw new IllegalStateException(other.kind + " and " + indexed.kind + " are both called \"" + name + "\"");
                }
            }
        }
        return Map.copyOf(byName);
    }

    public Kind kind() {
        return kind;
    }

    /** Every searchable kind, in the order a search reads them. */
    public static List<Indexed> values() {
        return ALL;
    }

    /** A kind by its wire name or a plural or short form a person would type. */
    public static Optional<Indexed> named(String name) {
        return Optional.ofNullable(BY_NAME.get(name.toLowerCase()));
    }

    /** What a person types for each searchable kind ("decision", …, or "decisions", …): for help and messages. */
    public static List<String> names(boolean plural) {
        return ALL.stream().map(indexed -> indexed.shown.names().get(plural ? 1 : 0)).toList();
    }

    /** "a, b or c". */
    public static String either(List<String> names) {
        int last = names.size() - 1;
        return last < 1 ? String.join("", names) : String.join(", ", names.subList(0, last)) + " or " + names.get(last);
    }

    /** The wire names of the searchable kinds, for the MCP tool's schema and its messages. */
    public static List<String> wireNames() {
        return ALL.stream().map(indexed -> indexed.kind.wireName()).toList();
    }

    public static Indexed of(Kind kind) {
        return find(kind).orElseThrow(() -> new IllegalArgumentException(kind + " has no text to search"));
    }

    /** A kind's search, if it has one: a kind without search text in the catalogue (tool analytics) has none. */
    public static Optional<Indexed> find(Kind kind) {
        return ALL.stream().filter(indexed -> indexed.kind == kind).findFirst();
    }

    String fts() {
        return kind.table() + "_fts";
    }

    /**
     * What a listing reads: the table, or for a state kind each entity's latest state (ADR 2), in the
     * order of migration 2's {@code tasks} view: unconfirmed local changes first (they are newer than
     * anything this device pulled before writing them), then by log order.
     */
    private String rows() {
        if (!kind.isState()) {
            return kind.table();
        }
        return "(SELECT * FROM (SELECT " + kind.table() + ".*, ROW_NUMBER() OVER (PARTITION BY "
                + String.join(", ", kind.event().entityFields()) + " ORDER BY (cursor IS NULL) DESC, cursor DESC, id DESC)"
                + " AS latest FROM " + kind.table() + ") WHERE latest = 1)";
    }

    /** The columns every listing reads, in {@link EntryRows}' order. */
    String columns() {
        return "t.id, t.event_id, t.content_hash, t.project_id, t.user_id, t.device_id,"
                + " coalesce(t.occurred_at, t.received_at), " + shown.title() + ", " + shown.body() + ", " + shown.status();
    }

    /** Rows matching an FTS5 expression, best first; parameters: highlight open, close, match, [project], limit. */
    String searchSql(String projectCondition) {
        String fts = fts();
        return "SELECT " + columns() + ", snippet(" + fts + ", -1, ?, ?, '…', 16), bm25(" + fts + ", " + shown.weights()
                + ") AS score FROM " + fts + " JOIN " + kind.table() + " t ON t.id = " + fts + ".rowid"
                + " WHERE " + fts + " MATCH ?" + (projectCondition != null ? " AND " + projectCondition : "")
                + (kind.isState() ? " AND t.id IN (SELECT id FROM " + rows() + ")" : "")
                + " ORDER BY score LIMIT ?";
    }

    /** The newest rows; parameters: [project], [since], limit. */
    String listSql(String projectCondition, boolean since, String extraCondition) {
        List<String> where = new ArrayList<>(List.of("1 = 1"));
        if (projectCondition != null) {
            where.add(projectCondition);
        }
        if (since) {
            where.add("coalesce(t.occurred_at, t.received_at) >= ?");
        }
        if (extraCondition != null) {
            where.add(extraCondition);
        }
        return "SELECT " + columns() + ", NULL, NULL FROM " + rows() + " t WHERE " + String.join(" AND ", where)
                + " ORDER BY coalesce(t.occurred_at, t.received_at) DESC, t.id DESC LIMIT ?";
    }

    /** One row by a condition on {@code t} with one parameter (event id, row id, content hash). */
    String showSql(String condition) {
        return "SELECT " + columns() + ", NULL, NULL FROM " + kind.table() + " t WHERE " + condition;
    }

    @Override
    public String toString() {
        return kind.toString();
    }
}
