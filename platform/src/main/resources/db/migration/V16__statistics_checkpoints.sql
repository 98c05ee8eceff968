-- Context Store schema, part 16: the sync statistics become a checkpoint plus the events after it (ADR 49).
--
-- The projector upserted a sync_stats row for every tenant of every poll: with many tenants and few events each, one
-- more row version per event beside the event itself (bench/profiling.md, 4 December 2026, late evening). Now
-- sync_stats counts a tenant's context_events rows up to tenant_streams.counted_to and no further, and a reader adds
-- the rows after it (SyncCounts). The projector moves the checkpoint when the tenant's chain count passes a multiple
-- of 4,096: counted_to is then the offset of that event, a function of the log alone, so a rebuild sets the same
-- checkpoints and counts as the live projector (I5).
--
-- Rows that exist are carried over the same way: where a tenant's rows are its whole chain (nothing of it erased),
-- the checkpoint is its 4,096·k-th row, as the projector would have set it. Where the chain holds events without a
-- row, which row is the chain's 4,096·k-th is not known here: the checkpoint is the tenant's last offset, where its
-- statistics already stood, and moves to where a rebuild has it at the tenant's next multiple. The owner is subject to
-- FORCE ROW LEVEL SECURITY, so the tables it backfills are lifted out of it for the length of this transaction.

ALTER TABLE tenant_streams ADD COLUMN counted_to bigint NOT NULL DEFAULT -1;

ALTER TABLE tenant_streams NO FORCE ROW LEVEL SECURITY;
ALTER TABLE context_events NO FORCE ROW LEVEL SECURITY;
ALTER TABLE sync_stats NO FORCE ROW LEVEL SECURITY;

WITH numbered AS (SELECT tenant_id, kafka_offset,
                         row_number() OVER (PARTITION BY tenant_id ORDER BY kafka_offset) AS n,
                         count(*) OVER (PARTITION BY tenant_id) AS rows_kept
                  FROM context_events),
     checkpoints AS (SELECT n.tenant_id, n.kafka_offset FROM numbered n JOIN tenant_streams s USING (tenant_id)
                     WHERE n.rows_kept = s.events AND n.n = (s.events / 4096) * 4096 AND n.n > 0)
UPDATE tenant_streams s SET counted_to = c.kafka_offset FROM checkpoints c WHERE c.tenant_id = s.tenant_id;
UPDATE tenant_streams s SET counted_to = s.last_offset
WHERE s.events <> (SELECT count(*) FROM context_events e WHERE e.tenant_id = s.tenant_id);

DELETE FROM sync_stats;
INSERT INTO sync_stats (tenant_id, kind, private_to, project_scope, events, last_offset)
SELECT e.tenant_id, e.kind, coalesce(e.private_to, ''), coalesce(e.project_scope, ''), count(*), max(e.kafka_offset)
FROM context_events e JOIN tenant_streams s ON s.tenant_id = e.tenant_id AND e.kafka_offset <= s.counted_to
GROUP BY e.tenant_id, e.kind, coalesce(e.private_to, ''), coalesce(e.project_scope, '');

ALTER TABLE tenant_streams FORCE ROW LEVEL SECURITY;
ALTER TABLE context_events FORCE ROW LEVEL SECURITY;
ALTER TABLE sync_stats FORCE ROW LEVEL SECURITY;
