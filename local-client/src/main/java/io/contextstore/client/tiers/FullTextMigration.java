package io.contextstore.client.tiers;

import java.util.ArrayList;
import java.util.List;

/**
 * The migration that adds full-text search (issue 12): an external-content FTS5 table beside each
 * table of context, kept in step by triggers. Triggers rather than code in {@link RowWriter}, so that
 * every write path (local push, pull, a rebuild, a later migration that copies rows) updates the index
 * in the same transaction as the row. Self-contained on purpose: it names only the indexed columns and
 * {@code id}, and ends with FTS5's {@code rebuild}, so it gives the same index whatever migration runs
 * before it (another change may rebuild {@code task_events} with the same column names).
 *
 * <p>If a later migration drops and recreates one of these tables, it must recreate that table's three
 * triggers (see {@link #index}) and run {@code rebuild} again: dropping a table drops its triggers.
 */
final class FullTextMigration {

    static final List<String> ORG = List.of(
            index("decisions", "title", "decision", "rationale", "tags"),
            index("learnings", "skill", "learning", "tags"),
            index("error_solutions", "error", "solution", "context", "tags"))
            .stream().flatMap(List::stream).toList();

    static final List<String> SESSIONS = List.of(
            index("messages", "content"),
            index("task_events", "description", "outcome"))
            .stream().flatMap(List::stream).toList();

    static final List<String> PROJECTS = index("project_context", "title", "content");

    private FullTextMigration() {
    }

    /**
     * {@code <table>_fts} over {@code columns}, its insert/delete/update triggers, an index on
     * {@code event_id} (for {@code ctx show}), and the backfill of the rows already there. Porter
     * stemming so "caching" finds "cache"; diacritics folded so "resume" finds "résumé".
     */
    static List<String> index(String table, String... columns) {
        String fts = table + "_fts";
        String names = String.join(", ", columns);
        String newValues = prefixed("new.", columns);
        String oldValues = prefixed("old.", columns);
        List<String> sql = new ArrayList<>();
        sql.add("CREATE VIRTUAL TABLE " + fts + " USING fts5(" + names + ", content='" + table
                + "', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')");
        sql.add("CREATE TRIGGER " + fts + "_insert AFTER INSERT ON " + table + " BEGIN INSERT INTO " + fts
                + " (rowid, " + names + ") VALUES (new.id, " + newValues + "); END");
        sql.add("CREATE TRIGGER " + fts + "_delete AFTER DELETE ON " + table + " BEGIN INSERT INTO " + fts
                + " (" + fts + ", rowid, " + names + ") VALUES ('delete', old.id, " + oldValues + "); END");
        // Only a change of indexed text re-indexes: a pull confirming a row (event id, cursor) does not.
        sql.add("CREATE TRIGGER " + fts + "_update AFTER UPDATE OF id, " + names + " ON " + table + " BEGIN INSERT INTO "
                + fts + " (" + fts + ", rowid, " + names + ") VALUES ('delete', old.id, " + oldValues + "); INSERT INTO "
                + fts + " (rowid, " + names + ") VALUES (new.id, " + newValues + "); END");
        sql.add("CREATE INDEX IF NOT EXISTS " + table + "_by_event ON " + table + " (event_id)");
        sql.add("INSERT INTO " + fts + " (" + fts + ") VALUES ('rebuild')");
        return List.copyOf(sql);
    }

    private static String prefixed(String prefix, String... columns) {
        StringBuilder out = new StringBuilder();
        for (String column : columns) {
            out.append(out.length() == 0 ? "" : ", ").append(prefix).append(column);
        }
        return out.toString();
    }
}
