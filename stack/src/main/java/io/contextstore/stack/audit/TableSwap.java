package io.contextstore.stack.audit;

import io.contextstore.events.topic.Topics;
import io.contextstore.projector.rebuild.CatchUp;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * The switch of a live rebuild (ADR 0011): in one owner transaction, lock every live read-model
 * table ACCESS EXCLUSIVE (waiting out the transactions in flight, holding back new ones), catch the
 * rebuilt schema up to the live projector's stored offsets, move the live tables to a retired
 * schema and the rebuilt ones into their place, commit. Sessions then resolve the same unqualified
 * names to the new tables: statements blocked on a lock re-look the name up once it is granted, and
 * cached plans (pgjdbc's server-prepared statements included) are invalidated by the move and
 * re-planned. No transaction ever sees a mix of old and new tables.
 *
 * <p>The lock wait is bounded below PostgreSQL's deadlock_timeout, so if a reader holding one table
 * waits for another this switch gives way (and retries), never the reader.
 */
final class TableSwap {

    /** How the switch went: attempts until the locks were had, and how long pulls were held. */
    record Outcome(int attempts, Duration heldFor, Map<Integer, Long> offsets, long caughtUp) {
    }

    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final String DEADLOCK = "40P01";

    private final Endpoints endpoints;
    private final String liveSchema;
    private final Clock clock;

    TableSwap(Endpoints endpoints, String liveSchema, Clock clock) {
        this.endpoints = endpoints;
        this.liveSchema = liveSchema;
        this.clock = clock;
    }

    Outcome swap(String rebuiltSchema, String retiredSchema, CatchUp catchUp, int maxAttempts, Duration lockTimeout)
            throws SQLException {
        try (Connection owner = DriverManager.getConnection(endpoints.databaseUrl(), endpoints.owner(),
                endpoints.ownerPassword())) {
            owner.setAutoCommit(false);
            for (int attempt = 1; ; attempt++) {
                try (Statement statement = owner.createStatement()) {
                    statement.execute("SET LOCAL lock_timeout = '" + lockTimeout.toMillis() + "ms'");
                    statement.execute("LOCK TABLE " + ReadModelTables.SWAPPED.stream().map(t -> qualified(liveSchema, t))
                            .collect(Collectors.joining(", ")) + " IN ACCESS EXCLUSIVE MODE");
                    long lockedAt = clock.millis();
                    Map<Integer, Long> offsets = liveOffsets(owner);
                    long caughtUp = catchUp.to(offsets, tenant -> true);
                    statement.execute("CREATE SCHEMA " + ReadModelComparison.quote(retiredSchema));
                    for (String table : ReadModelTables.SWAPPED) {
                        statement.execute("ALTER TABLE " + qualified(liveSchema, table) + " SET SCHEMA "
                                + ReadModelComparison.quote(retiredSchema));
                    }
                    for (String table : ReadModelTables.SWAPPED) {
                        statement.execute("ALTER TABLE " + qualified(rebuiltSchema, table) + " SET SCHEMA "
                                + ReadModelComparison.quote(liveSchema));
                    }
                    owner.commit();
                    return new Outcome(attempt, Duration.ofMillis(clock.millis() - lockedAt), offsets, caughtUp);
                } catch (SQLException e) {
                    owner.rollback();
                    boolean contended = LOCK_NOT_AVAILABLE.equals(e.getSQLState()) || DEADLOCK.equals(e.getSQLState());
                    if (!contended || attempt >= maxAttempts) {
                        throw e;
                    }
                    // readers hold some of the tables: let them finish, then try again
                    LockSupport.parkNanos(Duration.ofMillis(Math.min(1000, 50L * attempt)).toNanos());
                }
            }
        }
    }

    /** The live projector's stored offsets, read under the lock: nothing moves them until the commit. */
    private Map<Integer, Long> liveOffsets(Connection owner) throws SQLException {
        Map<Integer, Long> offsets = new HashMap<>();
        try (PreparedStatement statement = owner.prepareStatement("SELECT kafka_partition, next_offset FROM "
                + qualified(liveSchema, "projector_offsets") + " WHERE topic = ?")) {
            statement.setString(1, Topics.CONTEXT_EVENTS.name());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    offsets.put(rs.getInt(1), rs.getLong(2));
                }
            }
        }
        return offsets;
    }

    private static String qualified(String schema, String table) {
        return ReadModelComparison.quote(schema) + "." + ReadModelComparison.quote(table);
    }
}
