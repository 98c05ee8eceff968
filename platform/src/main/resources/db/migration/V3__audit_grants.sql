-- Context Store schema, part 3: which auditors may replay which tenants.
--
-- An auditor is a user holding a license key with role 'auditor' (in any tenant: often an auditing
-- firm's own). A row here lets that (auditor tenant, auditor user) replay the audited tenant_id's log.
-- The row belongs to the audited tenant: it is read and written only inside that tenant's scope
-- (row-level security like every tenant table), so a grant check is a lookup in the tenant being
-- audited, never a cross-tenant query.
CREATE TABLE audit_grants (
    tenant_id         uuid        NOT NULL REFERENCES tenants (tenant_id),
    auditor_tenant_id uuid        NOT NULL,
    auditor_user_id   text        NOT NULL CHECK (auditor_user_id ~ '^[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}$'),
    granted_at        timestamptz NOT NULL,
    revoked_at        timestamptz,
    PRIMARY KEY (tenant_id, auditor_tenant_id, auditor_user_id)
);
ALTER TABLE audit_grants ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_grants FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_grants
    USING (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid))
    WITH CHECK (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid));

-- The query API answers the audit endpoints (it checks the grant, then reads as role 'auditor');
-- the auditor role reads it for operators' tools; only the admin role grants and revokes.
GRANT SELECT ON audit_grants TO cs_query, cs_auditor;
GRANT SELECT, INSERT, UPDATE ON audit_grants TO cs_admin;
