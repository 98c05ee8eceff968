package io.contextstore.platform.tenancy;

import io.contextstore.platform.db.Database;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What operators do: create tenants, issue license keys (shown once), revoke and list them. Runs
 * as the {@code cs_admin} role, which is subject to row-level security like every service role.
 */
public final class TenantAdministration {

    public record IssuedKey(UUID keyId, UUID tenantId, String userId, String role, LicenseKey key, Instant expiresAt) {
    }

    public record KeyListing(UUID keyId, String userId, String role, String hint, Instant createdAt,
                             Instant expiresAt, Instant revokedAt) {
    }

    private final Database database;
    private final Supplier<UUID> ids;

    public TenantAdministration(Database database, Supplier<UUID> ids) {
        this.database = database;
        this.ids = ids;
    }

    public UUID createTenant(String name) {
        UUID tenantId = ids.get();
        database.inTenant(tenantId, jdbc -> jdbc.sql("INSERT INTO tenants (tenant_id, name) VALUES (?, ?)")
                .param(tenantId).param(name).update());
        return tenantId;
    }

    public Optional<String> tenantName(UUID tenantId) {
        return database.readInTenant(tenantId, jdbc -> jdbc.sql("SELECT name FROM tenants WHERE tenant_id = ?")
                .param(tenantId).query(String.class).optional());
    }

    public IssuedKey issueKey(UUID tenantId, String userId, String role, Instant expiresAt) {
        LicenseKey key = LicenseKey.generate();
        UUID keyId = ids.get();
        database.inTenant(tenantId, jdbc -> jdbc.sql("""
                        INSERT INTO license_keys (key_id, tenant_id, user_id, role, key_hash, key_hint, expires_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .param(keyId).param(tenantId).param(userId).param(role).param(key.hash()).param(key.hint())
                .param(expiresAt == null ? null : java.sql.Timestamp.from(expiresAt))
                .update());
        return new IssuedKey(keyId, tenantId, userId, role, key, expiresAt);
    }

    /** Returns whether a key was revoked now (false if unknown in this tenant or already revoked). */
    public boolean revokeKey(UUID tenantId, UUID keyId, Instant at) {
        return database.inTenant(tenantId, jdbc -> jdbc.sql(
                        "UPDATE license_keys SET revoked_at = ? WHERE key_id = ? AND revoked_at IS NULL")
                .param(java.sql.Timestamp.from(at)).param(keyId).update()) == 1;
    }

    public List<KeyListing> listKeys(UUID tenantId) {
        return database.readInTenant(tenantId, jdbc -> jdbc.sql("""
                        SELECT key_id, user_id, role, key_hint, created_at, expires_at, revoked_at
                        FROM license_keys ORDER BY created_at, key_id""")
                .query((rs, row) -> new KeyListing(
                        rs.getObject("key_id", UUID.class),
                        rs.getString("user_id"),
                        rs.getString("role"),
                        rs.getString("key_hint"),
                        instant(rs.getTimestamp("created_at")),
                        instant(rs.getTimestamp("expires_at")),
                        instant(rs.getTimestamp("revoked_at"))))
                .list());
    }

    private static Instant instant(java.sql.Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
