package io.contextstore.client.search;

import io.contextstore.client.items.Kind;
import io.contextstore.events.EventKind;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * How a kind's rows are shown and ranked, as SQL over its table {@code t}: the line a person scans (title),
 * the text under it (body), a status, the bm25 weight of each column of its full-text index, and the names a
 * person types for it (the first for one, the second for a listing; a name may repeat).
 *
 * <p>Derived from the catalogue ({@link #derived}): the title is the kind's title-like fields (or its body when it
 * has none), the body its body fields, joined; title-like columns weigh {@value #TITLE}, tags {@value #TAGS},
 * the rest {@value #BODY}; the names are the wire name, its plural and the list endpoint's. The kinds of
 * release 1 were tuned by hand before this was derived ({@code LocalSearchRelevanceIT} holds their ranking),
 * so {@link #KEPT} keeps what of theirs differs; a new kind needs no entry there.
 */
record Presentation(String title, String body, String status, String weights, List<String> names) {

    static final double TITLE = 4.0;
    static final double TAGS = 2.0;
    static final double BODY = 1.0;

    /** What the kinds of release 1 keep of their earlier presentation (null: derived), in the order search read them. */
    private static final List<Kept> KEPT = List.of(
            new Kept(EventKind.DECISION, null, "t.decision", null, "5.0, 2.0, 1.0, 2.0"),
            new Kept(EventKind.LEARNING, "t.skill || ': ' || t.learning", null, null, "3.0, 2.0, 2.0"),
            new Kept(EventKind.ERROR_SOLUTION, null, "t.solution", null, "4.0, 2.0, 1.0, 2.0", "error", "errors",
                    "error-solution"),
            new Kept(EventKind.TASK, "t.status || ': ' || t.description", null, "t.status", "3.0, 1.0"),
            new Kept(EventKind.MESSAGE, "t.role || ': ' || t.content", null, null, null),
            new Kept(EventKind.PROJECT_CONTEXT, null, null, null, null, "project", "projects"));

    private record Kept(EventKind kind, String title, String body, String status, String weights, String... names) {
    }

    /** Every kind with text to search: those of {@link #KEPT} in their order, then the others in catalogue order. */
    static List<Kind> searchOrder() {
        return Stream.concat(KEPT.stream().map(kept -> Kind.of(kept.kind())), Kind.values().stream())
                .filter(kind -> !kind.searched().isEmpty()).distinct().toList();
    }

    static Presentation of(Kind kind) {
        Presentation derived = derived(kind);
        Optional<Kept> kept = KEPT.stream().filter(k -> k.kind() == kind.event()).findFirst();
        if (kept.isEmpty()) {
            return derived;
        }
        Kept own = kept.get();
        return new Presentation(or(own.title(), derived.title()), or(own.body(), derived.body()),
                or(own.status(), derived.status()), or(own.weights(), derived.weights()),
                Stream.concat(Stream.of(own.names()), derived.names().stream()).toList());
    }

    /** The presentation the catalogue entry alone gives. */
    static Presentation derived(Kind kind) {
        EventKind.SearchText text = kind.event().searchText();
        String body = joined(text.body(), "char(10)");
        String title = text.title().isEmpty() ? body : joined(text.title(), "': '");
        String weights = kind.searched().stream().map(column -> String.valueOf(text.title().contains(column) ? TITLE
                : text.body().contains(column) ? BODY : TAGS)).collect(Collectors.joining(", "));
        String plural = kind.wireName().endsWith("s") ? kind.wireName() : kind.wireName() + "s";
        return new Presentation(title, body, "NULL", weights,
                List.of(kind.wireName(), plural, kind.event().endpoint(), kind.event().listName()));
    }

    /** The fields as one text, those that are null left out; NULL when there are none. */
    private static String joined(List<String> fields, String separator) {
        List<String> columns = fields.stream().map(field -> "t." + field).toList();
        return switch (columns.size()) {
            case 0 -> "NULL";
            case 1 -> columns.get(0);
            default -> "concat_ws(" + separator + ", " + String.join(", ", columns) + ")";
        };
    }

    private static String or(String own, String derived) {
        return own != null ? own : derived;
    }
}
