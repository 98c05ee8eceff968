package io.contextstore.query;

import io.contextstore.platform.auth.AccessToken;
import io.contextstore.platform.db.Database;
import io.contextstore.platform.db.OneTrip;
import java.util.List;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads as the caller: one read-only transaction scoped to the token's tenant, user and role (through a callback, or as
 * one trip of statements), so row-level security applies the tenant boundary and, on session-tier tables, the user
 * boundary.
 */
public final class ReadScope {

    private final Database database;

    public ReadScope(Database database) {
        this.database = database;
    }

    public <T> T read(AccessToken token, Function<JdbcClient, T> work) {
        return database.readAs(token.tenantId(), token.userId(), token.role().wireName(), work);
    }

    /** Reads with statements that do not depend on each other's results, as the caller, in one round trip. */
    public OneTrip.Answers readInOneTrip(AccessToken token, List<? extends OneTrip.Statement<?>> statements) {
        return database.readAsInOneTrip(token.tenantId(), token.userId(), token.role().wireName(), statements);
    }

    /** Whether the caller sees every member's session-tier rows (auditors and admins) or only its own. */
    public static boolean seesAllUsers(AccessToken token) {
        return token.role() != AccessToken.Role.MEMBER;
    }
}
