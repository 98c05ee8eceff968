package io.contextstore.stack.cluster;

import io.contextstore.events.topic.Topics;
import io.contextstore.testing.Infrastructure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import java.util.UUID;

/** What the test asks PostgreSQL directly: read model counts per tenant, and the projectors' row locks. */
final class ReadModelQueries {

    private final Infrastructure infrastructure;

    ReadModelQueries(Infrastructure infrastructure) {
        this.infrastructure = infrastructure;
    }

    /** How many of these events (by id) the tenant's read model holds. */
    long projected(UUID tenant, Set<String> ids) {
        return query(tenant, "SELECT count(*) FROM context_events WHERE event_id = ANY (?)",
                ids.stream().map(UUID::fromString).toArray(UUID[]::new));
    }

    /** A single number from the tenant's read model (null counts as 0). */
    long count(UUID tenant, String sql) {
        return query(tenant, sql, null);
    }

    /** A transaction of the test's own that holds the partition's offset row, as a projector's batch does. */
    Connection holdOffsetRow(int partition) throws SQLException {
        Connection hold = infrastructure.ownerConnection();
        hold.setAutoCommit(false);
        try (PreparedStatement lock = hold.prepareStatement(
                "SELECT next_offset FROM projector_offsets WHERE topic = ? AND kafka_partition = ? FOR UPDATE")) {
            lock.setString(1, Topics.CONTEXT_EVENTS.name());
            lock.setInt(2, partition);
            try (ResultSet row = lock.executeQuery()) {
                if (!row.next()) {
                    hold.close();
                    throw new IllegalStateException("partition " + partition + " has no offset row yet: nothing to hold");
                }
            }
        }
        return hold;
    }

    /** Which projector process (its connections' application name) waits for a lock the holder's transaction holds. */
    String projectorBlockedBy(Connection holder) throws SQLException {
        int pid;
        try (ResultSet rs = holder.createStatement().executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            pid = rs.getInt(1);
        }
        try (Connection c = infrastructure.superuserConnection();
             PreparedStatement blocked = c.prepareStatement("SELECT application_name FROM pg_stat_activity"
                     + " WHERE usename = 'cs_projector' AND ? = ANY (pg_blocking_pids(pid))")) {
            blocked.setInt(1, pid);
            try (ResultSet rs = blocked.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** As the table owner, scoped to the tenant the way the services scope a transaction (RLS applies to the owner too). */
    private long query(UUID tenant, String sql, UUID[] ids) {
        try (Connection c = infrastructure.ownerConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement scope = c.prepareStatement("SELECT set_config('app.tenant_id', ?, true)")) {
                scope.setString(1, tenant.toString());
                scope.execute();
            }
            try (PreparedStatement query = c.prepareStatement(sql)) {
                if (ids != null) {
                    query.setArray(1, c.createArrayOf("uuid", ids));
                }
                try (ResultSet rs = query.executeQuery()) {
                    long n = rs.next() ? rs.getLong(1) : 0;
                    c.rollback();
                    return n;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
