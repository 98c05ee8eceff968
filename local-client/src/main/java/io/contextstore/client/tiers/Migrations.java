package io.contextstore.client.tiers;

import java.util.ArrayList;
import java.util.List;

/**
 * The schema of each tier file, as forward-only migrations: migration n brings {@code PRAGMA
 * user_version} from n-1 to n. A released migration is never edited; a change is a new one.
 * Migrations after the first are constants of their own classes (e.g. {@link FullTextMigration}), so
 * changes made on different branches can be put in order when they are merged. A new kind needs none:
 * {@link KindTables} makes its table from the catalogue after these have run (and a migration here never
 * refers to a table made there).
 */
final class Migrations {

    private Migrations() {
    }

    static List<List<String>> of(Tier tier) {
        return switch (tier) {
            case PLATFORM -> List.of(List.of(
                    """
                    CREATE TABLE account (
                      id INTEGER PRIMARY KEY CHECK (id = 1),
                      server TEXT NOT NULL, tenant_id TEXT NOT NULL, user_id TEXT NOT NULL, device_id TEXT NOT NULL,
                      logged_in_at TEXT NOT NULL)""",
                    """
                    CREATE TABLE server_status (
                      id INTEGER PRIMARY KEY CHECK (id = 1),
                      status_json TEXT NOT NULL, watermark INTEGER, projector_lag INTEGER, fetched_at TEXT NOT NULL)""",
                    """
                    CREATE TABLE sync_runs (
                      id INTEGER PRIMARY KEY AUTOINCREMENT,
                      started_at TEXT NOT NULL, finished_at TEXT NOT NULL, outcome TEXT NOT NULL,
                      sent INTEGER NOT NULL, dead INTEGER NOT NULL, pulled INTEGER NOT NULL, message TEXT)""",
                    SYNC_STATE));
            case ORG -> List.of(List.of(
                    contentTable("decisions", "title TEXT, decision TEXT, rationale TEXT, tags TEXT"),
                    contentTable("learnings", "skill TEXT, learning TEXT, tags TEXT"),
                    contentTable("error_solutions", "error TEXT, solution TEXT, context TEXT, tags TEXT"),
                    SYNC_STATE),
                    positions("decisions", "learnings", "error_solutions"),
                    FullTextMigration.ORG,
                    EditMigration.ITEMS,
                    EditMigration.VERSIONS_BY_ITEM,
                    ScopeMigration.ROW_SCOPES);
            case SESSIONS -> List.of(List.of(
                    """
                    CREATE TABLE sync_queue (
                      id INTEGER PRIMARY KEY AUTOINCREMENT,
                      kind TEXT NOT NULL,
                      content_hash TEXT NOT NULL,
                      payload TEXT NOT NULL,
                      enqueued_at INTEGER NOT NULL,
                      attempts INTEGER NOT NULL DEFAULT 0,
                      next_attempt_at INTEGER NOT NULL,
                      last_error TEXT,
                      state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'dead')),
                      dead_at INTEGER)""",
                    "CREATE INDEX sync_queue_by_state ON sync_queue (state, id)",
                    "CREATE INDEX sync_queue_by_hash ON sync_queue (content_hash)",
                    contentTable("messages", "message_id TEXT, session_id TEXT, role TEXT, content TEXT"),
                    contentTable("task_events", "task_id TEXT, description TEXT, status TEXT, outcome TEXT,"
                            + " tool_success_count INTEGER, tool_error_count INTEGER, user_corrections INTEGER"),
                    "CREATE INDEX task_events_by_task ON task_events (task_id)",
                    TASKS_VIEW,
                    """
                    CREATE TABLE tool_analytics (
                      session_id TEXT NOT NULL, tool_name TEXT NOT NULL,
                      calls INTEGER NOT NULL, errors INTEGER NOT NULL, last_used_at TEXT NOT NULL,
                      PRIMARY KEY (session_id, tool_name))""",
                    SYNC_STATE),
                    sessionsRelease2(),
                    FullTextMigration.SESSIONS,
                    toolAnalytics(),
                    redactionCounts(),
                    ScopeMigration.ROW_SCOPES);
            case PROJECTS -> List.of(List.of(
                    contentTable("project_context", "title TEXT, content TEXT"),
                    SYNC_STATE),
                    positions("project_context"),
                    FullTextMigration.PROJECTS,
                    EditMigration.ITEMS,
                    EditMigration.VERSIONS_BY_ITEM,
                    ScopeMigration.ROW_SCOPES);
        };
    }

    /**
     * Migration 4 of sessions.db: tool analytics sync (ADR 29). The hook's counters remember the totals
     * last queued, so a sync queues each session's tool totals once per change; the states pulled from
     * the server (this user's other devices too) are kept like task states.
     */
    private static List<String> toolAnalytics() {
        return List.of(
                "ALTER TABLE tool_analytics ADD COLUMN project_id TEXT",
                "ALTER TABLE tool_analytics ADD COLUMN queued_calls INTEGER NOT NULL DEFAULT 0",
                "ALTER TABLE tool_analytics ADD COLUMN queued_errors INTEGER NOT NULL DEFAULT 0",
                "CREATE TABLE tool_usage_events (id INTEGER PRIMARY KEY AUTOINCREMENT, content_hash TEXT NOT NULL,"
                        + " event_id TEXT UNIQUE, cursor INTEGER, project_id TEXT, user_id TEXT, device_id TEXT,"
                        + " occurred_at TEXT, received_at TEXT, origin TEXT NOT NULL, session_id TEXT, tool_name TEXT,"
                        + " calls INTEGER, errors INTEGER)",
                "CREATE INDEX tool_usage_events_by_tool ON tool_usage_events (session_id, tool_name)");
    }

    /**
     * Migration 5 of sessions.db: how many secrets each rule redacted before the queue (ADR 31), for
     * {@code ctx status}; counted in the transaction that queues the redacted items.
     */
    private static List<String> redactionCounts() {
        return List.of("CREATE TABLE redaction_counts (rule TEXT PRIMARY KEY, redactions INTEGER NOT NULL)");
    }

    private static final String SYNC_STATE = "CREATE TABLE sync_state (name TEXT PRIMARY KEY, value TEXT NOT NULL)";

    /**
     * The latest state of each task: unconfirmed local changes first (they are newer than anything
     * this device pulled before writing them), then by log order.
     */
    private static final String TASKS_VIEW = """
            CREATE VIEW tasks AS
              SELECT * FROM (SELECT task_events.*, ROW_NUMBER() OVER (PARTITION BY task_id
                  ORDER BY (cursor IS NULL) DESC, cursor DESC, id DESC) AS latest FROM task_events)
              WHERE latest = 1""";

    /**
     * Migration 2, cursors as positions (ADR 8): release 1 stored the offset of the last event seen;
     * a position is the offset of the next one, so every stored cursor moves up by one and the next
     * pull neither skips nor repeats an event.
     */
    private static List<String> positions(String... tables) {
        List<String> statements = new ArrayList<>();
        statements.add("UPDATE sync_state SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE name = 'cursor'");
        for (String table : tables) {
            statements.add("UPDATE " + table + " SET cursor = cursor + 1 WHERE cursor IS NOT NULL");
        }
        return statements;
    }

    /**
     * Migration 2 of sessions.db: positions, and task states that may repeat (ADR 2). A task that
     * returns to an earlier state has that state's content hash again, so task_events is keyed by the
     * server's event id instead of by content; the queue remembers each item's entity so that it folds
     * only a repeat of an entity's last queued state.
     */
    private static List<String> sessionsRelease2() {
        List<String> statements = new ArrayList<>(positions("messages"));
        statements.addAll(List.of(
                "DROP VIEW tasks",
                "CREATE TABLE task_events_release2 (id INTEGER PRIMARY KEY AUTOINCREMENT, content_hash TEXT NOT NULL,"
                        + " event_id TEXT UNIQUE, cursor INTEGER, project_id TEXT, user_id TEXT, device_id TEXT,"
                        + " occurred_at TEXT, received_at TEXT, origin TEXT NOT NULL, task_id TEXT, description TEXT,"
                        + " status TEXT, outcome TEXT, tool_success_count INTEGER, tool_error_count INTEGER,"
                        + " user_corrections INTEGER)",
                "INSERT INTO task_events_release2 SELECT id, content_hash, event_id, cursor + 1, project_id, user_id,"
                        + " device_id, occurred_at, received_at, origin, task_id, description, status, outcome,"
                        + " tool_success_count, tool_error_count, user_corrections FROM task_events",
                "DROP TABLE task_events",
                "ALTER TABLE task_events_release2 RENAME TO task_events",
                "CREATE INDEX task_events_by_task ON task_events (task_id)",
                "CREATE INDEX task_events_by_hash ON task_events (content_hash)",
                TASKS_VIEW,
                "ALTER TABLE sync_queue ADD COLUMN entity TEXT",
                "UPDATE sync_queue SET entity = 'task/' || json_extract(payload, '$.task_id') WHERE kind = 'task'",
                "CREATE INDEX sync_queue_by_entity ON sync_queue (entity, id)",
                // Rows of an ADR-053 client's queue already brought over by `ctx import-legacy`.
                "CREATE TABLE legacy_imports (legacy_id INTEGER NOT NULL, payload_hash TEXT NOT NULL,"
                        + " queue_id INTEGER NOT NULL, imported_at INTEGER NOT NULL, PRIMARY KEY (legacy_id, payload_hash))"));
        return statements;
    }

    /**
     * A table of one kind: {@code content_hash} is the identity shared with the server, so a pulled
     * event confirms the local row of the same content instead of adding one; {@code cursor} and
     * {@code event_id} stay null until then.
     */
    static String contentTable(String name, String fields) {
        return "CREATE TABLE " + name + " (id INTEGER PRIMARY KEY AUTOINCREMENT, content_hash TEXT NOT NULL UNIQUE,"
                + " event_id TEXT, cursor INTEGER, project_id TEXT, user_id TEXT, device_id TEXT, occurred_at TEXT,"
                + " received_at TEXT, origin TEXT NOT NULL, " + fields + ")";
    }
}
