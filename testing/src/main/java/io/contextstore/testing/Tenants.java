package io.contextstore.testing;

import io.contextstore.platform.db.Database;
import io.contextstore.platform.db.ServiceRole;
import io.contextstore.platform.tenancy.TenantAdministration;
import io.contextstore.platform.tenancy.TenantAdministration.IssuedKey;
import java.time.Instant;
import java.util.UUID;

/** Creates tenants and license keys the way operators do, through the cs_admin role. */
public final class Tenants implements AutoCloseable {

    /** A fresh tenant and one member's license key. */
    public record TestTenant(UUID tenantId, String userId, String licenseKey, UUID keyId) {
    }

    private final Database admin;
    private final TenantAdministration administration;

    public Tenants(Infrastructure infrastructure) {
        this.admin = Database.connect(infrastructure.settings(ServiceRole.ADMIN), "test-admin");
        this.administration = new TenantAdministration(admin, UUID::randomUUID);
    }

    public TestTenant create(String userId) {
        UUID tenantId = administration.createTenant("tenant-" + UUID.randomUUID());
        return member(tenantId, userId);
    }

    /** Another member of an existing tenant. */
    public TestTenant member(UUID tenantId, String userId) {
        IssuedKey key = administration.issueKey(tenantId, userId, "member", null);
        return new TestTenant(tenantId, userId, key.key().value(), key.keyId());
    }

    public IssuedKey issue(UUID tenantId, String userId, String role, Instant expiresAt) {
        return administration.issueKey(tenantId, userId, role, expiresAt);
    }

    public TenantAdministration administration() {
        return administration;
    }

    @Override
    public void close() {
        admin.close();
    }
}
