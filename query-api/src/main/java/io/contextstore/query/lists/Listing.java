package io.contextstore.query.lists;

/**
 * The per-kind read models, each paged by cursor: a row's {@code cursor} is the position after its
 * event (Kafka offset + 1), and {@code ?cursor=c} returns the rows at offsets from c on; tasks by the
 * position of their latest change, so a client syncing incrementally sees every change once.
 */
enum Listing {
    TASKS("tasks", "tasks", """
            SELECT last_offset + 1 AS cursor, task_id, description, status, outcome, project_id, tool_success_count,
                   tool_error_count, user_corrections, user_id, device_id, updated_at
            FROM tasks WHERE tenant_id = ? AND last_offset >= ? AND (? OR user_id = ?)
            ORDER BY last_offset LIMIT ?""", true),
    DECISIONS("decisions", "decisions", """
            SELECT kafka_offset + 1 AS cursor, event_id AS id, user_id, device_id, project_id, occurred_at,
                   title, decision, rationale, tags
            FROM decisions WHERE tenant_id = ? AND kafka_offset >= ? ORDER BY kafka_offset LIMIT ?""", false),
    LEARNINGS("learnings", "learnings", """
            SELECT kafka_offset + 1 AS cursor, event_id AS id, user_id, device_id, project_id, occurred_at,
                   skill, learning, tags
            FROM skill_learnings WHERE tenant_id = ? AND kafka_offset >= ? ORDER BY kafka_offset LIMIT ?""", false),
    ERROR_SOLUTIONS("error-solutions", "error_solutions", """
            SELECT kafka_offset + 1 AS cursor, event_id AS id, user_id, device_id, project_id, occurred_at,
                   error, solution, context, tags
            FROM error_solutions WHERE tenant_id = ? AND kafka_offset >= ? ORDER BY kafka_offset LIMIT ?""", false),
    PROJECT_CONTEXT("project-context", "project_context", """
            SELECT kafka_offset + 1 AS cursor, event_id AS id, user_id, device_id, project_id, occurred_at,
                   title, content
            FROM project_contexts WHERE tenant_id = ? AND kafka_offset >= ? ORDER BY kafka_offset LIMIT ?""", false);

    private final String endpoint;
    private final String name;
    private final String sql;
    private final boolean userScoped;

    Listing(String endpoint, String name, String sql, boolean userScoped) {
        this.endpoint = endpoint;
        this.name = name;
        this.sql = sql;
        this.userScoped = userScoped;
    }

    static java.util.Optional<Listing> byEndpoint(String endpoint) {
        return java.util.Arrays.stream(values()).filter(l -> l.endpoint.equals(endpoint)).findFirst();
    }

    /** The member of the response that holds the rows, as the original clients read it. */
    String responseName() {
        return name;
    }

    String sql() {
        return sql;
    }

    /** Session-tier: members see their own rows only. */
    boolean userScoped() {
        return userScoped;
    }
}
