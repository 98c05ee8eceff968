package io.contextstore.platform.stats;

/**
 * How many events the read model holds of the tenant the transaction is scoped to, per kind, owner and project scope
 * (ADR 49). {@code sync_stats} is a checkpoint: it counts the tenant's rows up to {@code tenant_streams.counted_to},
 * which the projector moves every few thousand events. The rows after it are counted here, fewer than that many, by
 * the key of {@code context_events}. One statement, so one snapshot: a checkpoint moving meanwhile is seen either
 * wholly or not at all. Row-level security applies to both tables as to any read of them.
 */
public final class SyncCounts {

    /**
     * Columns {@code kind}, {@code private_to}, {@code project_scope} ('' when none), {@code events}, {@code last_offset}.
     * The rows after the checkpoint are read in a join on the checkpoint's row, kept apart ({@code OFFSET 0}): so the
     * primary key's range from the checkpoint is the plan, also for a generic plan, which knows neither the tenant nor
     * its checkpoint. Given both only as values computed once for the statement, PostgreSQL read the tenant's every
     * event by another index and filtered them (StatusPlanIT).
     */
    public static final String BY_GROUP = """
            WITH tenant AS (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid AS id)
            SELECT kind, private_to, project_scope, sum(events)::bigint AS events, max(last_offset) AS last_offset FROM (
                SELECT tenant_id, kind, private_to, project_scope, events, last_offset FROM sync_stats
                WHERE tenant_id = (SELECT id FROM tenant)
                UNION ALL
                SELECT after.* FROM (SELECT id, coalesce((SELECT counted_to FROM tenant_streams WHERE tenant_id = id), -1)
                                            AS counted_to FROM tenant OFFSET 0) checkpoint
                CROSS JOIN LATERAL (%s) after) counted
            GROUP BY kind, private_to, project_scope""".formatted(
            countRows("tenant_id = checkpoint.id AND kafka_offset > checkpoint.counted_to"));

    /** All of the tenant's events the caller may read, one column {@code events}. */
    public static final String TOTAL = "SELECT coalesce(sum(events), 0)::bigint AS events FROM (" + BY_GROUP + ") counts";

    /**
     * The {@code context_events} rows that {@code where} selects, counted as {@code sync_stats} counts them: columns
     * {@code tenant_id}, {@code kind}, {@code private_to}, {@code project_scope}, {@code events}, {@code last_offset}.
     */
    public static String countRows(String where) {
        return "SELECT tenant_id, kind, coalesce(private_to, '') AS private_to, coalesce(project_scope, '') AS project_scope,"
                + " count(*) AS events, max(kafka_offset) AS last_offset FROM context_events WHERE " + where
                + " GROUP BY 1, 2, 3, 4";
    }

    private SyncCounts() {
    }
}
