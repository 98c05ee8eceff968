package io.contextstore.platform.tenancy;

import io.contextstore.platform.db.Database;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Which auditors may replay which tenants ({@code audit_grants}). Every statement runs in the
 * audited tenant's scope, so row-level security confines it to that tenant's grants. Granting and
 * revoking need the {@code cs_admin} role; checking works for {@code cs_query} and {@code cs_auditor}.
 */
public final class AuditGrants {

    /** An auditor: the tenant and user of a license key with role {@code auditor}. */
    public record Auditor(UUID tenantId, String userId) {
    }

    public record Grant(UUID tenantId, Auditor auditor, Instant grantedAt, Instant revokedAt) {
    }

    private final Database database;

    public AuditGrants(Database database) {
        this.database = database;
    }

    /** Grants (again, if it was revoked) the auditor the replay of {@code tenantId}. */
    public void grant(UUID tenantId, Auditor auditor, Instant at) {
        database.inTenant(tenantId, jdbc -> jdbc.sql("""
                        INSERT INTO audit_grants (tenant_id, auditor_tenant_id, auditor_user_id, granted_at)
                        VALUES (?, ?, ?, ?)
                        ON CONFLICT (tenant_id, auditor_tenant_id, auditor_user_id)
                        DO UPDATE SET granted_at = excluded.granted_at, revoked_at = NULL""")
                .param(tenantId).param(auditor.tenantId()).param(auditor.userId()).param(Timestamp.from(at)).update());
    }

    /** Returns whether a grant in force was revoked now. */
    public boolean revoke(UUID tenantId, Auditor auditor, Instant at) {
        return database.inTenant(tenantId, jdbc -> jdbc.sql("""
                        UPDATE audit_grants SET revoked_at = ?
                        WHERE auditor_tenant_id = ? AND auditor_user_id = ? AND revoked_at IS NULL""")
                .param(Timestamp.from(at)).param(auditor.tenantId()).param(auditor.userId()).update()) == 1;
    }

    public boolean isGranted(UUID tenantId, Auditor auditor) {
        return database.readInTenant(tenantId, jdbc -> jdbc.sql("""
                        SELECT count(*) FROM audit_grants
                        WHERE auditor_tenant_id = ? AND auditor_user_id = ? AND revoked_at IS NULL""")
                .param(auditor.tenantId()).param(auditor.userId()).query(Long.class).single()) > 0;
    }

    public List<Grant> list(UUID tenantId) {
        return database.readInTenant(tenantId, jdbc -> jdbc.sql("""
                        SELECT tenant_id, auditor_tenant_id, auditor_user_id, granted_at, revoked_at
                        FROM audit_grants ORDER BY granted_at, auditor_tenant_id, auditor_user_id""")
                .query((rs, n) -> new Grant(rs.getObject(1, UUID.class),
                        new Auditor(rs.getObject(2, UUID.class), rs.getString(3)),
                        rs.getTimestamp(4).toInstant(),
                        rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant()))
                .list());
    }
}
