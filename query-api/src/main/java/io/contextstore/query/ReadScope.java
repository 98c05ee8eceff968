package io.contextstore.query;

import io.contextstore.platform.auth.AccessToken;
import io.contextstore.platform.db.Database;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads as the caller: one read-only transaction scoped to the token's tenant, user and role, so
 * row-level security applies the tenant boundary and, on session-tier tables, the user boundary.
 */
public final class ReadScope {

    private final Database database;

    public ReadScope(Database database) {
        this.database = database;
    }

    public <T> T read(AccessToken token, Function<JdbcClient, T> work) {
        return database.readAs(token.tenantId(), token.userId(), token.role().wireName(), work);
    }

    /** Whether the caller sees every member's session-tier rows (auditors and admins) or only its own. */
    public static boolean seesAllUsers(AccessToken token) {
        return token.role() != AccessToken.Role.MEMBER;
    }
}
