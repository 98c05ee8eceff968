-- Context Store schema, part 10: crypto-shredding (ADR 33).
--
-- subject_keys: the data key of each subject — a user of a tenant, or the tenant itself (subject '')
-- for its shared kinds — wrapped by the master key. The log's sealed fields are readable exactly as long
-- as the row exists: erasing a user or deleting a tenant deletes rows here. It is not part of the read
-- model: a rebuild into another schema reads this table.
-- A key is only created for a tenant that exists: a token that outlived its deleted tenant cannot seal
-- new content under a fresh key (the push fails).
CREATE TABLE subject_keys (
    tenant_id     uuid        NOT NULL REFERENCES tenants (tenant_id),
    subject       text        NOT NULL CHECK (subject = '' OR subject ~ '^[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}$'),
    key_id        uuid        NOT NULL UNIQUE,
    master_key_id text        NOT NULL,
    wrapped_key   bytea       NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, subject)
);
-- Not FORCE: only the owner reads past the policy, and only through tenants_to_rewrap() below, which
-- answers tenant ids; every service role is bound by the tenant policy.
ALTER TABLE subject_keys ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON subject_keys
    USING (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid))
    WITH CHECK (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid));
GRANT SELECT, INSERT ON subject_keys TO cs_ingest;
GRANT SELECT ON subject_keys TO cs_projector;
GRANT SELECT, UPDATE, DELETE ON subject_keys TO cs_admin;

-- Erasures the projector applied, by their offset in the tenant's partition: pulls from a cursor at or
-- before it tell devices to purge the user's rows (user_id NULL: the whole tenant was deleted).
CREATE TABLE erased_subjects (
    tenant_id    uuid   NOT NULL,
    kafka_offset bigint NOT NULL,
    user_id      text,
    PRIMARY KEY (tenant_id, kafka_offset)
);
ALTER TABLE erased_subjects ENABLE ROW LEVEL SECURITY;
ALTER TABLE erased_subjects FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON erased_subjects
    USING (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid))
    WITH CHECK (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid));
GRANT SELECT, INSERT ON erased_subjects TO cs_projector;
GRANT SELECT ON erased_subjects TO cs_query, cs_auditor;

-- A sealed event's content_hash in the log is keyed (HMAC under its subject's key); the read model keeps
-- the hash its owner computed in content_hash (pulls match local rows by it) and the log's in log_hash,
-- which the audit chain is computed from. NULL where the two are the same (unsealed events).
ALTER TABLE context_events ADD COLUMN log_hash text;

-- The projector deletes what an erasure removes, and replaces the author of shared rows.
GRANT DELETE ON context_events, messages, tasks, decisions, skill_learnings, error_solutions, project_contexts,
    sync_stats, tool_analytics, tenant_streams, search_backlog, search_positions TO cs_projector;
-- An erasure forgets the user's task heads; deleting a tenant removes its keys, grants and dedup entries.
GRANT DELETE ON entity_heads, dedup_index, license_keys, audit_grants, tenants TO cs_admin;
GRANT SELECT ON entity_heads, dedup_index TO cs_admin;

-- Rotating the master key re-wraps the data keys of every tenant, each inside its tenant's transaction under
-- the tenant policy. Which tenants hold keys wrapped by another master key is all the admin role learns
-- across tenants: tenant ids, no keys.
CREATE FUNCTION tenants_to_rewrap(current_master_key text) RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = ${flyway:defaultSchema}, pg_temp
    AS $$ SELECT DISTINCT tenant_id FROM subject_keys WHERE master_key_id <> current_master_key $$;
REVOKE ALL ON FUNCTION tenants_to_rewrap(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION tenants_to_rewrap(text) TO cs_admin;
