package io.contextstore.platform.search;

import io.contextstore.events.EventKind;
import io.contextstore.events.FieldRule;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An event's search document as SQL over a {@code context_events} row, derived from the kind
 * catalogue ({@link EventKind#searchText()}): the indexer writes it, the query API shows the same
 * texts as titles and snippets. One definition, so what is found and what is shown cannot drift.
 */
public final class SearchDocuments {

    /** Kinds with text to search, by wire name. */
    public static final List<String> SEARCHABLE_KINDS = Arrays.stream(EventKind.values())
            .filter(kind -> kind.searchText().searchable()).map(EventKind::wireName).toList();

    private SearchDocuments() {
    }

    /** The title-like text of the row (weight A); null for kinds without one. */
    public static String title(String row) {
        return text(row, EventKind.SearchText::title);
    }

    /** The body text of the row (weight B). */
    public static String body(String row) {
        return text(row, EventKind.SearchText::body);
    }

    /** What a hit shows as its title: the title-like text, or the body's first 80 characters (messages). */
    public static String displayTitle(String row) {
        return "coalesce(" + title(row) + ", left(" + body(row) + ", 80))";
    }

    /**
     * The tsvector: each text as written (so {@code java.lang.IllegalStateException} or
     * {@code 127.0.0.1} stay whole tokens and a pasted error matches exactly) and again with every run
     * of punctuation turned into a space (so {@code IllegalStateException} or {@code 5432} alone match).
     */
    public static String document(String row) {
        return weighted(title(row), 'A') + " || " + weighted("concat_ws(' ', " + body(row) + ", " + tags(row) + ")", 'B');
    }

    /** The kind's tags fields as JSON array text: searched with the body, not shown in snippets. */
    private static String tags(String row) {
        return cases(row, kind -> {
            List<String> tags = kind.fields().stream().filter(f -> f.type() == FieldRule.Type.TAGS)
                    .map(f -> field(row, f.name())).toList();
            return tags.isEmpty() ? null : "concat_ws(' ', " + String.join(", ", tags) + ")";
        });
    }

    /** The entity a state kind's row sets ({@code user/task_id}), so a newer state replaces its document; else null. */
    public static String entity(String row) {
        return cases(row, kind -> kind.isState() && kind.searchText().searchable()
                ? row + ".user_id || '/' || " + kind.entityFields().stream().map(f -> field(row, f))
                .collect(Collectors.joining(" || '/' || "))
                : null);
    }

    /**
     * True when the row is searchable and, for a state kind, still its entity's current state, and for an edited item
     * one of its current versions.
     */
    public static String isCurrent(String row) {
        String searchable = row + ".kind IN (" + SEARCHABLE_KINDS.stream().map(k -> "'" + k + "'")
                .collect(Collectors.joining(", ")) + ")";
        String states = Arrays.stream(EventKind.values()).filter(k -> k.isState() && k.searchText().searchable())
                .map(k -> "(" + row + ".kind <> '" + k.wireName() + "' OR " + row + ".kafka_offset = (SELECT s.last_offset FROM "
                        + k.table() + " s WHERE s.tenant_id = " + row + ".tenant_id AND s.user_id = " + row + ".user_id"
                        + k.entityFields().stream().map(f -> " AND s." + f + " = " + field(row, f))
                        .collect(Collectors.joining()) + "))")
                .collect(Collectors.joining(" AND "));
        // an edited item's replaced or retracted version is no longer current (ADR 39)
        String version = "NOT EXISTS (SELECT FROM item_versions v WHERE v.tenant_id = " + row + ".tenant_id"
                + " AND v.kafka_offset = " + row + ".kafka_offset AND NOT v.current)";
        return (states.isEmpty() ? searchable : searchable + " AND " + states) + " AND " + version;
    }

    /**
     * A text as written and again with every run of punctuation a space: documents and queries alike. Whitespace is
     * left as it is, since the parser reads any run of it as one gap: a replacement per run of punctuation rather than
     * per gap between words costs about a fifth as much, for the same document (SplitCopyIT).
     */
    public static String asWrittenAndSplit(String text) {
        return text + " || ' ' || regexp_replace(" + text + ", '[^[:alnum:][:space:]]+', ' ', 'g')";
    }

    private static String weighted(String text, char weight) {
        return "setweight(to_tsvector('english'::regconfig, " + asWrittenAndSplit("coalesce(" + text + ", '')")
                + "), '" + weight + "')";
    }

    private static String text(String row, Function<EventKind.SearchText, List<String>> part) {
        return cases(row, kind -> part.apply(kind.searchText()).isEmpty() ? null
                : "concat_ws(E'\\n', " + part.apply(kind.searchText()).stream().map(f -> field(row, f))
                .collect(Collectors.joining(", ")) + ")");
    }

    private static String cases(String row, Function<EventKind, String> expression) {
        StringBuilder sql = new StringBuilder("(CASE " + row + ".kind");
        for (EventKind kind : EventKind.values()) {
            String value = expression.apply(kind);
            if (value != null) {
                sql.append(" WHEN '").append(kind.wireName()).append("' THEN ").append(value);
            }
        }
        return sql.append(" END)").toString();
    }

    private static String field(String row, String name) {
        return "(" + row + ".data ->> '" + name + "')";
    }
}
