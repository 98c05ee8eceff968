package io.contextstore.projector;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.platform.stats.SyncCounts;
import io.contextstore.projector.projection.ProjectionPlanner;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An installation whose statistics counted every row (V15 and before) gets checkpoints where the projector would
 * have set them (V16, ADR 49), and its counts stay what they were.
 */
class StatisticsUpgradeIT {

    private static final int EVERY = ProjectionPlanner.CHECKPOINT_EVERY;

    @Test
    void aWholeChainGetsItsCheckpointAtItsMultipleAndAChainWithErasedEventsAtItsLastOffset() throws SQLException {
        try (ScratchSchema schema = new ScratchSchema()) {
            schema.migrateTo("15");
            UUID whole = UUID.randomUUID();
            UUID erased = UUID.randomUUID();
            UUID small = UUID.randomUUID();
            try (Connection superuser = schema.superuser()) {
                projected(superuser, whole, EVERY + 904, EVERY + 904);
                projected(superuser, erased, EVERY + 904, EVERY + 894); // ten of its chain's events erased
                projected(superuser, small, 100, 100);
            }

            schema.migrate();

            try (Connection superuser = schema.superuser()) {
                assertThat(number(superuser, whole, "SELECT counted_to FROM tenant_streams WHERE tenant_id = ?"))
                        .as("the offset of its %d-th row", EVERY).isEqualTo(EVERY - 1);
                assertThat(number(superuser, whole, "SELECT sum(events) FROM sync_stats WHERE tenant_id = ?")).isEqualTo(EVERY);
                assertThat(number(superuser, erased, "SELECT counted_to FROM tenant_streams WHERE tenant_id = ?"))
                        .as("its last offset, where its statistics stood").isEqualTo(EVERY + 893);
                assertThat(number(superuser, erased, "SELECT sum(events) FROM sync_stats WHERE tenant_id = ?"))
                        .isEqualTo(EVERY + 894);
                assertThat(number(superuser, small, "SELECT counted_to FROM tenant_streams WHERE tenant_id = ?")).isEqualTo(-1);
                assertThat(total(superuser, whole)).isEqualTo(EVERY + 904);
                assertThat(total(superuser, erased)).isEqualTo(EVERY + 894);
                assertThat(total(superuser, small)).isEqualTo(100);
            }
        }
    }

    /**
     * A tenant as V15's projector left it: {@code rows} events at offsets 0 and up, decisions and alice's tasks in
     * turn, a chain of {@code chained} events, and statistics that count every row.
     */
    private static void projected(Connection c, UUID tenant, int chained, int rows) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO tenant_streams (tenant_id, kafka_partition, chain_head, events, last_offset) VALUES ('"
                    + tenant + "', 0, 'head', " + chained + ", " + (rows - 1) + ")");
            s.execute("INSERT INTO context_events (tenant_id, kafka_offset, kafka_partition, event_id, content_hash, kind,"
                    + " user_id, device_id, private_to, occurred_at, received_at, data, chain)"
                    + " SELECT '" + tenant + "', g, 0, gen_random_uuid(), 'hash-' || g,"
                    + " CASE WHEN g % 2 = 0 THEN 'decision' ELSE 'task' END, 'alice', 'laptop',"
                    + " CASE WHEN g % 2 = 0 THEN NULL ELSE 'alice' END, now(), now(), '{}', 'c'"
                    + " FROM generate_series(0, " + (rows - 1) + ") g");
            s.execute("INSERT INTO sync_stats (tenant_id, kind, private_to, project_scope, events, last_offset)"
                    + " SELECT tenant_id, kind, coalesce(private_to, ''), '', count(*), max(kafka_offset)"
                    + " FROM context_events WHERE tenant_id = '" + tenant + "' GROUP BY 1, 2, 3");
        }
    }

    private static long number(Connection c, UUID tenant, String sql) throws SQLException {
        try (PreparedStatement query = c.prepareStatement(sql)) {
            query.setObject(1, tenant);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** What a reader counts (SyncCounts), in the tenant's scope. */
    private static long total(Connection c, UUID tenant) throws SQLException {
        c.setAutoCommit(false);
        try {
            try (PreparedStatement scope = c.prepareStatement("SELECT set_config('app.tenant_id', ?, true)")) {
                scope.setString(1, tenant.toString());
                scope.execute();
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(SyncCounts.TOTAL)) {
                rs.next();
                return rs.getLong(1);
            }
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
    }
}
