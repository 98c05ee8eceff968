-- Context Store schema, part 4: identity within the visibility scope (ADR 2).
--
-- The event id is the identity: the ingest derives it from the tenant, the kind's visibility scope and the
-- content hash (and, for tasks, from the state it follows); the projector keeps the first event of each id.
-- So the dedup index and the read model's uniqueness move from (tenant, content_hash) to (tenant, event_id),
-- tasks get an index of their current state per user, and sync statistics are kept per owner so that a
-- member's status counts only what that member can read.
--
-- Rows that exist already are carried over: ids of tenant-wide kinds never changed; messages and task
-- states already projected are indexed under their new identities, so a retry after the upgrade is still
-- a duplicate. The owner is subject to FORCE ROW LEVEL SECURITY, so the tables it backfills are lifted
-- out of it for the length of this transaction.

CREATE FUNCTION pg_temp.name_based_id(name text) RETURNS uuid LANGUAGE sql IMMUTABLE AS $$
    SELECT encode(set_byte(set_byte(substring(d FROM 1 FOR 16), 6, (get_byte(d, 6) & 15) | 128),
                           8, (get_byte(d, 8) & 63) | 128), 'hex')::uuid
    FROM (SELECT sha256(convert_to(name, 'UTF8')) AS d) AS digest
$$;

ALTER TABLE dedup_index NO FORCE ROW LEVEL SECURITY;
ALTER TABLE context_events NO FORCE ROW LEVEL SECURITY;
ALTER TABLE tasks NO FORCE ROW LEVEL SECURITY;
ALTER TABLE sync_stats NO FORCE ROW LEVEL SECURITY;

-- The dedup index, by event id.
ALTER TABLE dedup_index DROP CONSTRAINT dedup_index_pkey;
ALTER TABLE dedup_index ADD PRIMARY KEY (tenant_id, event_id);
INSERT INTO dedup_index (tenant_id, content_hash, event_id, kafka_partition, kafka_offset)
SELECT tenant_id, content_hash,
       pg_temp.name_based_id(tenant_id::text || '/user/' || private_to || '/' || content_hash),
       kafka_partition, kafka_offset
FROM context_events WHERE kind = 'message'
ON CONFLICT DO NOTHING;

-- The current state of each entity of a state kind (tasks), per user: a push equal to it is a retry.
CREATE TABLE entity_heads (
    tenant_id       uuid   NOT NULL,
    user_id         text   NOT NULL,
    entity          text   NOT NULL,
    content_hash    text   NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
    event_id        uuid   NOT NULL,
    kafka_partition int    NOT NULL,
    kafka_offset    bigint NOT NULL,
    PRIMARY KEY (tenant_id, user_id, entity)
);
INSERT INTO entity_heads (tenant_id, user_id, entity, content_hash, event_id, kafka_partition, kafka_offset)
SELECT t.tenant_id, t.user_id, 'task/' || t.task_id, e.content_hash, e.event_id, e.kafka_partition, e.kafka_offset
FROM tasks t JOIN context_events e ON e.tenant_id = t.tenant_id AND e.kafka_offset = t.last_offset;
ALTER TABLE entity_heads ENABLE ROW LEVEL SECURITY;
ALTER TABLE entity_heads FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON entity_heads
    USING (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid))
    WITH CHECK (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid));
GRANT SELECT, INSERT, UPDATE ON entity_heads TO cs_ingest;

-- The read model keeps the first event of each id. (Two events of one content are legitimate now: a task
-- that returns to an earlier state, the same message from two users.)
ALTER TABLE context_events DROP CONSTRAINT context_events_tenant_id_content_hash_key;
ALTER TABLE context_events ADD CONSTRAINT context_events_tenant_id_event_id_key UNIQUE (tenant_id, event_id);

-- Statistics per owner: '' for tenant-wide kinds, the user for session-tier kinds.
ALTER TABLE sync_stats ADD COLUMN private_to text NOT NULL DEFAULT '';
ALTER TABLE sync_stats DROP CONSTRAINT sync_stats_pkey;
DELETE FROM sync_stats;
INSERT INTO sync_stats (tenant_id, kind, private_to, events, last_offset)
SELECT tenant_id, kind, coalesce(private_to, ''), count(*), max(kafka_offset)
FROM context_events GROUP BY tenant_id, kind, coalesce(private_to, '');
ALTER TABLE sync_stats ADD PRIMARY KEY (tenant_id, kind, private_to);
CREATE POLICY user_isolation ON sync_stats AS RESTRICTIVE FOR SELECT TO cs_query
    USING (private_to = ''
           OR private_to = (SELECT nullif(current_setting('app.user_id', true), ''))
           OR (SELECT nullif(current_setting('app.role', true), '')) IN ('auditor', 'admin'));

ALTER TABLE dedup_index FORCE ROW LEVEL SECURITY;
ALTER TABLE context_events FORCE ROW LEVEL SECURITY;
ALTER TABLE tasks FORCE ROW LEVEL SECURITY;
ALTER TABLE sync_stats FORCE ROW LEVEL SECURITY;

DROP FUNCTION pg_temp.name_based_id(text);
