package io.contextstore.query.audit;

import io.contextstore.platform.auth.AccessToken;
import io.contextstore.platform.db.Database;
import io.contextstore.platform.tenancy.AuditGrants;
import io.contextstore.platform.web.ApiProblem;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Who may read a tenant's log through the audit API: a token with role {@code auditor} (members'
 * and admins' tokens get 403) whose (tenant, user) holds a grant in force for that tenant. A tenant
 * that is not granted, or does not exist, is 404 alike, so an auditor learns nothing about tenants
 * outside its grants. Reads then run scoped to the audited tenant, as role auditor (all its users).
 */
final class AuditAccess {

    private final Database database;
    private final AuditGrants grants;

    AuditAccess(Database database) {
        this.database = database;
        this.grants = new AuditGrants(database);
    }

    /** The audited tenant, once the token is allowed to replay it. */
    UUID authorize(AccessToken token, String tenantText) {
        if (token.role() != AccessToken.Role.AUDITOR) {
            throw ApiProblem.forbidden("the audit API needs a token of a license key with role auditor");
        }
        UUID tenant = parse(tenantText);
        if (!grants.isGranted(tenant, new AuditGrants.Auditor(token.tenantId(), token.userId()))) {
            throw ApiProblem.notFound("no tenant " + tenant + " is granted to this auditor");
        }
        return tenant;
    }

    /** One read-only transaction in the audited tenant's scope, as the auditor. */
    <T> T read(AccessToken token, UUID tenant, Function<JdbcClient, T> work) {
        return database.readAs(tenant, token.userId(), AccessToken.Role.AUDITOR.wireName(), work);
    }

    private static UUID parse(String text) {
        try {
            if (text.length() == 36) {
                UUID tenant = UUID.fromString(text);
                if (tenant.toString().equals(text.toLowerCase(java.util.Locale.ROOT))) {
                    return tenant;
                }
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw ApiProblem.invalidParameter("tenant", "must be a tenant id (a UUID such as 93474bc2-9524-4823-b67f-a63ba22973b3)");
    }
}
