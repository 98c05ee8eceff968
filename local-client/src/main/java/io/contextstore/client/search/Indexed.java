package io.contextstore.client.search;

import io.contextstore.client.items.Kind;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How each kind is searched and shown: its FTS5 table (see {@code tiers.FullTextMigration}), the bm25
 * weight of each indexed column (title-like columns count most), and the SQL for the line a person
 * scans (title) and the text under it (body).
 */
public enum Indexed {
    DECISION(Kind.DECISION, "decisions", "5.0, 2.0, 1.0, 2.0", "t.title", "t.decision", List.of("decision", "decisions")),
    LEARNING(Kind.LEARNING, "learnings", "3.0, 2.0, 2.0", "t.skill || ': ' || t.learning", "t.learning",
            List.of("learning", "learnings")),
    ERROR_SOLUTION(Kind.ERROR_SOLUTION, "error_solutions", "4.0, 2.0, 1.0, 2.0", "t.error", "t.solution",
            List.of("error_solution", "error", "errors", "error-solution", "error_solutions")),
    // Only each task's latest state is a result: older events of the same task are history.
    TASK(Kind.TASK, "tasks", "3.0, 1.0", "t.status || ': ' || t.description", "t.outcome", List.of("task", "tasks")),
    MESSAGE(Kind.MESSAGE, "messages", "1.0", "t.role || ': ' || t.content", "t.content", List.of("message", "messages")),
    PROJECT_CONTEXT(Kind.PROJECT_CONTEXT, "project_context", "4.0, 1.0", "t.title", "t.content",
            List.of("project_context", "project", "projects", "project-context"));

    private final Kind kind;
    private final String rowSource;
    private final String weights;
    private final String title;
    private final String body;
    private final List<String> names;

    Indexed(Kind kind, String rowSource, String weights, String title, String body, List<String> names) {
        this.kind = kind;
        this.rowSource = rowSource;
        this.weights = weights;
        this.title = title;
        this.body = body;
        this.names = names;
    }

    public Kind kind() {
        return kind;
    }

    /** A kind by its wire name or a plural or short form a person would type. */
    public static Optional<Indexed> named(String name) {
        String wanted = name.toLowerCase();
        return Arrays.stream(values()).filter(indexed -> indexed.names.contains(wanted)).findFirst();
    }

    public static Indexed of(Kind kind) {
        return find(kind).orElseThrow(() -> new IllegalArgumentException(kind + " is not searched locally"));
    }

    /** A kind's search, if it has one: a kind added to the catalogue with no entry here is stored but not searched. */
    public static Optional<Indexed> find(Kind kind) {
        return Arrays.stream(values()).filter(indexed -> indexed.kind == kind).findFirst();
    }

    String fts() {
        return kind.table() + "_fts";
    }

    /** The columns every listing reads, in {@link EntryRows}' order. */
    String columns() {
        return "t.id, t.event_id, t.content_hash, t.project_id, t.user_id, t.device_id,"
                + " coalesce(t.occurred_at, t.received_at), " + title + ", " + body + ", "
                + (kind == Kind.TASK ? "t.status" : "NULL");
    }

    /** Rows matching an FTS5 expression, best first; parameters: highlight open, close, match, [project], limit. */
    String searchSql(String projectCondition) {
        String fts = fts();
        return "SELECT " + columns() + ", snippet(" + fts + ", -1, ?, ?, '…', 16), bm25(" + fts + ", " + weights + ") AS score"
                + " FROM " + fts + " JOIN " + kind.table() + " t ON t.id = " + fts + ".rowid"
                + " WHERE " + fts + " MATCH ?" + (projectCondition != null ? " AND " + projectCondition : "")
                + (kind == Kind.TASK ? " AND t.id IN (SELECT id FROM tasks)" : "")
                + " ORDER BY score LIMIT ?";
    }

    /** The newest rows; parameters: [project], [since], limit. */
    String listSql(String projectCondition, boolean since, String extraCondition) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (projectCondition != null) {
            where.append(" AND ").append(projectCondition);
        }
        if (since) {
            where.append(" AND coalesce(t.occurred_at, t.received_at) >= ?");
        }
        if (extraCondition != null) {
            where.append(" AND ").append(extraCondition);
        }
        return "SELECT " + columns() + ", NULL, NULL FROM " + rowSource + " t" + where
                + " ORDER BY coalesce(t.occurred_at, t.received_at) DESC, t.id DESC LIMIT ?";
    }

    /** One row by a condition on {@code t} with one parameter (event id, row id, content hash). */
    String showSql(String condition) {
        return "SELECT " + columns() + ", NULL, NULL FROM " + kind.table() + " t WHERE " + condition;
    }
}
