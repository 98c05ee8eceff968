package io.contextstore.testing;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** Shapes of a read model that tests of a statement's plan load directly, past the projector (as a superuser). */
public final class ReadModelShapes {

    private ReadModelShapes() {
    }

    /**
     * {@code smallTenants} tenants of one small event each and {@code large} with {@code events} events at offsets 1 to
     * {@code events}: the average tenant a generic plan is made for is small, and one is not.
     */
    public static void oneLargeTenantAmongSmallOnes(Statement superuser, UUID large, int events, int smallTenants)
            throws SQLException {
        superuser.execute("INSERT INTO context_events (tenant_id, kafka_offset, kafka_partition, event_id, content_hash,"
                + " kind, user_id, device_id, occurred_at, received_at, data, chain) SELECT t, o, 0, gen_random_uuid(),"
                + " md5(t::text || o), 'decision', 'u', 'd', now(), now(), '{}', 'c' FROM"
                + " (SELECT gen_random_uuid() AS t, g AS o FROM generate_series(1, " + smallTenants + ") g"
                + " UNION ALL SELECT '" + large + "'::uuid, g FROM generate_series(1, " + events + ") g) r");
    }

    /** The stream row of a tenant of {@code events} events at offsets 1 to {@code events}, its statistics checkpoint at {@code countedTo}. */
    public static void streamWithCheckpoint(Statement superuser, UUID tenant, long events, long countedTo) throws SQLException {
        superuser.execute("INSERT INTO tenant_streams (tenant_id, kafka_partition, chain_head, events, last_offset, counted_to)"
                + " VALUES ('" + tenant + "', 0, 'c', " + events + ", " + events + ", " + countedTo + ")");
    }
}
