-- Context Store schema, part 1: tenants, license keys and the ingest dedup index.
--
-- Every table with a tenant_id column has ENABLE + FORCE ROW LEVEL SECURITY and a policy on
-- tenant_id = app.tenant_id (set per transaction with set_config(..., true)). A missing setting
-- reads as NULL or '' and matches no row. The sub-select lets PostgreSQL evaluate it once per query.

DO $$
DECLARE
    service_role text;
BEGIN
    FOREACH service_role IN ARRAY ARRAY['cs_ingest', 'cs_projector', 'cs_query', 'cs_auditor', 'cs_admin'] LOOP
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = service_role) THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOINHERIT', service_role);
        END IF;
        EXECUTE format('GRANT USAGE ON SCHEMA public TO %I', service_role);
    END LOOP;
END
$$;

CREATE TABLE tenants (
    tenant_id  uuid PRIMARY KEY,
    name       text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    created_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenants FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenants
    USING (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid))
    WITH CHECK (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid));

-- License keys are stored only as SHA-256 hashes. Logging in, the ingest role can see exactly the
-- row whose hash it was given (app.license_key_hash): knowing a key is the only way to find it.
CREATE TABLE license_keys (
    key_id     uuid PRIMARY KEY,
    tenant_id  uuid        NOT NULL REFERENCES tenants (tenant_id),
    user_id    text        NOT NULL CHECK (user_id ~ '^[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}$'),
    role       text        NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'auditor', 'admin')),
    key_hash   text        NOT NULL UNIQUE CHECK (key_hash ~ '^[0-9a-f]{64}$'),
    key_hint   text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz,
    revoked_at timestamptz
);
CREATE INDEX license_keys_by_tenant ON license_keys (tenant_id, user_id);
ALTER TABLE license_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE license_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON license_keys
    USING (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid))
    WITH CHECK (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid));
CREATE POLICY lookup_by_key_hash ON license_keys FOR SELECT
    USING (key_hash = (SELECT nullif(current_setting('app.license_key_hash', true), '')));

-- The ingest dedup index: a row exists only for content Kafka acknowledged (invariant I1).
CREATE TABLE dedup_index (
    tenant_id       uuid        NOT NULL,
    content_hash    text        NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
    event_id        uuid        NOT NULL,
    kafka_partition int         NOT NULL,
    kafka_offset    bigint      NOT NULL,
    indexed_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, content_hash)
);
ALTER TABLE dedup_index ENABLE ROW LEVEL SECURITY;
ALTER TABLE dedup_index FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON dedup_index
    USING (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid))
    WITH CHECK (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid));

GRANT SELECT ON tenants, license_keys TO cs_ingest;
GRANT SELECT, INSERT ON dedup_index TO cs_ingest;
GRANT SELECT, INSERT, UPDATE ON tenants, license_keys TO cs_admin;
GRANT SELECT ON tenants TO cs_query, cs_projector, cs_auditor;
