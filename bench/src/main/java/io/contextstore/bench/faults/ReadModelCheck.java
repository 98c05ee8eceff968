package io.contextstore.bench.faults;

import io.contextstore.platform.db.ServiceRole;
import io.contextstore.stack.StackDirectory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What the campaign asks PostgreSQL after a fault: of the ids a tenant's devices saw acknowledged, how many the
 * read model holds and how many more rows it holds than contents (I2), and whether a query role scoped to one
 * tenant sees a row of another (I3). Read as the table owner, scoped the way the services scope a transaction.
 */
final class ReadModelCheck {

    /** @param lost acknowledged but not in the read model; @param duplicated rows beyond one per content */
    record Counts(long acknowledged, long lost, long duplicated) {
        Counts plus(Counts other) {
            return new Counts(acknowledged + other.acknowledged, lost + other.lost, duplicated + other.duplicated);
        }
    }

    private final String url;
    private final StackDirectory.Secrets secrets;

    ReadModelCheck(String url, StackDirectory.Secrets secrets) {
        this.url = url;
        this.secrets = secrets;
    }

    Counts counts(Map<UUID, Set<String>> acknowledged) {
        Counts total = new Counts(0, 0, 0);
        for (Map.Entry<UUID, Set<String>> tenant : acknowledged.entrySet()) {
            total = total.plus(counts(tenant.getKey(), tenant.getValue()));
        }
        return total;
    }

    /** Whether each tenant's read model holds at least one of these ids (what a fault held back is visible). */
    boolean anyVisible(Map<UUID, ? extends Collection<String>> ids) {
        return ids.entrySet().stream().allMatch(e -> e.getValue().isEmpty() || present(e.getKey(), e.getValue()) > 0);
    }

    private Counts counts(UUID tenant, Set<String> ids) {
        long present = present(tenant, ids);
        long surplus = single(StackDirectory.OWNER, secrets.owner(), tenant,
                "SELECT count(*) - count(DISTINCT content_hash) FROM context_events");
        return new Counts(ids.size(), ids.size() - present, surplus);
    }

    private long present(UUID tenant, Collection<String> ids) {
        return single(StackDirectory.OWNER, secrets.owner(), tenant,
                "SELECT count(DISTINCT event_id) FROM context_events WHERE event_id = ANY (?)",
                (Object) ids.stream().map(UUID::fromString).toArray(UUID[]::new));
    }

    /** Rows of other tenants the query role sees while scoped to {@code tenant}: must be none. */
    long foreignRowsVisibleTo(UUID tenant) {
        return single(ServiceRole.QUERY.roleName(), secrets.of(ServiceRole.QUERY), tenant,
                "SELECT count(*) FROM context_events WHERE tenant_id <> ?", tenant);
    }

    private long single(String role, String password, UUID tenant, String sql, Object... parameters) {
        try (Connection c = DriverManager.getConnection(url, role, password)) {
            c.setAutoCommit(false);
            try (PreparedStatement scope = c.prepareStatement("SELECT set_config('app.tenant_id', ?, true)")) {
                scope.setString(1, tenant.toString());
                scope.execute();
            }
            try (PreparedStatement query = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    query.setObject(i + 1, parameters[i] instanceof UUID[] ids ? c.createArrayOf("uuid", ids) : parameters[i]);
                }
                try (ResultSet rs = query.executeQuery()) {
                    rs.next();
                    long n = rs.getLong(1);
                    c.rollback();
                    return n;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("read model check failed: " + e.getMessage(), e);
        }
    }
}
