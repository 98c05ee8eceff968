package io.contextstore.projector.store;

import io.contextstore.platform.db.Database;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Moves a batch's transaction to one tenant for row-level security, as late as possible: a tenant's first statement
 * in the batch carries the setting in its own round trip when it can ({@link #carry}), so a tenant with nothing to read
 * first costs one round trip instead of two. Round trips per tenant are what a many-tenant batch costs (ADR 7).
 */
final class TenantScope {

    private static final String SET = Database.SCOPE_TO_TENANT + ";"; // no space: pgjdbc would keep it in the text the server prepares

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
     * The statement to send for {@code sql} (one statement, with {@code parameters}): prefixed with the setting when
     * it is not set yet. The prefix answers a result of its own before the statement's; {@link Carried#carries} tells.
     */
    Carried carry(String sql, List<Object> parameters) {
        if (entered) {
            return new Carried(sql, parameters, false);
        }
        entered = true; // a failure of the statement fails the transaction, which is then retried from its start
        List<Object> withTenant = new java.util.ArrayList<>(parameters.size() + 1);
        withTenant.add(tenant.toString());
        withTenant.addAll(parameters);
        return new Carried(SET + sql, withTenant, true);
    }

    /** A statement and its parameters, and whether the setting's own result comes first. */
    record Carried(String sql, List<Object> parameters, boolean carries) {
    }
}
