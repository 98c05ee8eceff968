package io.contextstore.client.tiers;

import java.util.List;

/**
 * The schema of each tier file, as forward-only migrations: migration n brings {@code PRAGMA
 * user_version} from n-1 to n. A released migration is never edited; a change is a new one.
 * Migrations after the first are constants of their own classes (e.g. {@link FullTextMigration}), so
 * changes made on different branches can be put in order when they are merged.
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
                    FullTextMigration.ORG);
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
                    // The latest state of each task: unconfirmed local changes first (they are newer than
                    // anything this device pulled before writing them), then by log order.
                    """
                    CREATE VIEW tasks AS
                      SELECT * FROM (SELECT task_events.*, ROW_NUMBER() OVER (PARTITION BY task_id
                          ORDER BY (cursor IS NULL) DESC, cursor DESC, id DESC) AS latest FROM task_events)
                      WHERE latest = 1""",
                    """
                    CREATE TABLE tool_analytics (
                      session_id TEXT NOT NULL, tool_name TEXT NOT NULL,
                      calls INTEGER NOT NULL, errors INTEGER NOT NULL, last_used_at TEXT NOT NULL,
                      PRIMARY KEY (session_id, tool_name))""",
                    SYNC_STATE),
                    FullTextMigration.SESSIONS);
            case PROJECTS -> List.of(List.of(
                    contentTable("project_context", "title TEXT, content TEXT"),
                    SYNC_STATE),
                    FullTextMigration.PROJECTS);
        };
    }

    private static final String SYNC_STATE = "CREATE TABLE sync_state (name TEXT PRIMARY KEY, value TEXT NOT NULL)";

    /**
     * A table of one kind: {@code content_hash} is the identity shared with the server, so a pulled
     * event confirms the local row of the same content instead of adding one; {@code cursor} and
     * {@code event_id} stay null until then.
     */
    private static String contentTable(String name, String fields) {
        return "CREATE TABLE " + name + " (id INTEGER PRIMARY KEY AUTOINCREMENT, content_hash TEXT NOT NULL UNIQUE,"
                + " event_id TEXT, cursor INTEGER, project_id TEXT, user_id TEXT, device_id TEXT, occurred_at TEXT,"
                + " received_at TEXT, origin TEXT NOT NULL, " + fields + ")";
    }
}
