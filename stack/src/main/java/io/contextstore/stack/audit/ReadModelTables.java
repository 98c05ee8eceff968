package io.contextstore.stack.audit;

import java.util.List;

/**
 * The tables the projector derives from the log, and nothing else: tenants, license keys, the
 * dedup index and audit grants are not in the log and are never rebuilt or swapped.
 */
final class ReadModelTables {

    /** How rows of a tenant table are identified and ordered for a comparison. */
    record Table(String name, String key, boolean byOffset) {

        /** The key as text, ordered byte-wise (collation "C") so both sides and Java agree on the order. */
        String orderBy() {
            return byOffset ? key : key + " COLLATE \"C\"";
        }
    }

    /** Per-tenant tables, compared tenant by tenant. context_events first: its key is the log offset. */
    static final List<Table> TENANT_TABLES = List.of(
            new Table("context_events", "kafka_offset", true),
            new Table("messages", "kafka_offset", true),
            new Table("decisions", "kafka_offset", true),
            new Table("skill_learnings", "kafka_offset", true),
            new Table("error_solutions", "kafka_offset", true),
            new Table("project_contexts", "kafka_offset", true),
            new Table("tasks", "user_id || '/' || task_id", false),
            new Table("sync_stats", "kind || '/' || private_to", false),
            new Table("tenant_streams", "tenant_id::text", false));

    /** Partition-level, not tenant data: compared once, when every tenant is verified. */
    static final Table FAILURES = new Table("projection_failures",
            "topic || '/' || kafka_partition || '/' || lpad(kafka_offset::text, 20, '0')", false);

    /**
     * Every table a live rebuild swaps, in the order the switch locks them: the offsets first,
     * as the projector does, then what pulls read, then the rest.
     */
    static final List<String> SWAPPED = List.of("projector_offsets", "tenant_streams", "context_events", "messages",
            "tasks", "decisions", "skill_learnings", "error_solutions", "project_contexts", "sync_stats",
            "projection_failures");

    private ReadModelTables() {
    }
}
