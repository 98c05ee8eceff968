package io.contextstore.projector.store;

import io.contextstore.platform.db.Database;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Moves a batch's transaction to one tenant for row-level security, as late as possible: a tenant's first statement
 * in the batch carries the setting in its own round trip when it can ({@link #carry}), so a tenant with nothing to read
 * first costs one round trip instead of two. Round trips per tenant are what a many-tenant batch costs (ADR 7).
 */
final class TenantScope {

    static final String SET = Database.SCOPE_TO_TENANT + ";"; // no space: pgjdbc would keep it in the text the server prepares

    private final JdbcClient jdbc;
    private final UUID tenant;
    private boolean entered;

    TenantScope(JdbcClient jdbc, UUID tenant) {
        this.jdbc = jdbc;
        this.tenant = tenant;
    }

    UUID tenant() {
        return tenant;
    }

    /** Before a statement that cannot carry the setting: sets it now, unless it is set already. */
    void enter() {
        if (!entered) {
            Database.setLocal(jdbc, "app.tenant_id", tenant.toString());
            entered = true;
        }
    }

    /**
     * Whether the next statement must carry the setting, as it is not set yet: it is then prefixed with {@link #SET},
     * takes the tenant (as text) for its first parameter, and answers the setting's result before its own. From then
     * on the setting counts as made.
     */
    boolean carry() {
        if (entered) {
            return false;
        }
        entered = true; // a failure of the statement fails the transaction, which is then retried from its start
        return true;
    }
}
