package io.contextstore.stack.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contextstore.platform.db.ServiceRole;
import io.contextstore.testing.Infrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGStatement;

/**
 * What PostgreSQL does to pooled sessions and their cached plans when the tables behind an
 * unqualified name change (ADR 0011). A service session resolves {@code t} through its search
 * path, with pgjdbc preparing every statement on the server (prepareThreshold=1); {@code mech_live.t}
 * holds 1, the rebuilt {@code mech_next.t} holds 2.
 */
class SchemaSwitchIT {

    private static final String READER = "mech_reader";
    private final Infrastructure infrastructure = Infrastructure.shared();

    @BeforeEach
    void twoVersionsOfOneTable() throws SQLException {
        owner("DROP SCHEMA IF EXISTS mech_live, mech_next, mech_old CASCADE",
                "CREATE SCHEMA mech_live", "CREATE SCHEMA mech_next",
                "CREATE TABLE mech_live.t (v int)", "INSERT INTO mech_live.t VALUES (1)",
                "CREATE TABLE mech_next.t (v int)", "INSERT INTO mech_next.t VALUES (2)",
                "CREATE TABLE mech_live.u (v int)", "INSERT INTO mech_live.u VALUES (1)",
                "CREATE TABLE mech_next.u (v int)", "INSERT INTO mech_next.u VALUES (2)",
                "GRANT USAGE ON SCHEMA mech_live, mech_next TO cs_query",
                "GRANT SELECT ON ALL TABLES IN SCHEMA mech_live TO cs_query",
                "GRANT SELECT ON ALL TABLES IN SCHEMA mech_next TO cs_query");
    }

    @AfterEach
    void dropThem() throws SQLException {
        owner("DROP SCHEMA IF EXISTS mech_live, mech_next, mech_old CASCADE", "DROP ROLE IF EXISTS " + READER);
    }

    @Test
    void aServerPreparedStatementOfAPooledSessionReadsTheTableMovedIntoPlaceUnderAnExclusiveLock() throws SQLException {
        try (Connection session = service(); PreparedStatement read = session.prepareStatement("SELECT v FROM t")) {
            assertThat(value(read)).isEqualTo(1);
            assertThat(value(read)).isEqualTo(1);
            assertThat(read.unwrap(PGStatement.class).isUseServerPrepare()).isTrue();

            ownerTransaction(switchTables());

            assertThat(value(read)).isEqualTo(2);
        }
    }

    @Test
    void aStatementBlockedByTheSwitchReadsTheNewTableOnceTheLockIsGranted() throws Exception {
        try (Connection session = service(); PreparedStatement read = session.prepareStatement("SELECT v FROM t");
             Connection owner = ownerConnection()) {
            assertThat(value(read)).isEqualTo(1);
            owner.setAutoCommit(false);
            execute(owner, switchTables());
            CompletableFuture<Integer> blocked = CompletableFuture.supplyAsync(() -> value(read));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> waitingOnALock(session));

            owner.commit();

            assertThat(blocked.get()).isEqualTo(2);
        }
    }

    @Test
    void aTransactionThatAlreadyReadTheTableHoldsTheSwitchOffSoItNeverSeesAMix() throws SQLException {
        try (Connection session = service(); PreparedStatement read = session.prepareStatement("SELECT v FROM t");
             Connection owner = ownerConnection()) {
            session.setAutoCommit(false);
            assertThat(value(read)).isEqualTo(1);
            owner.setAutoCommit(false);

            assertThatThrownBy(() -> execute(owner, withLockTimeout(switchTables())))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("55P03"));
            owner.rollback();
            assertThat(value(read)).isEqualTo(1);
            session.commit();
            execute(owner, withLockTimeout(switchTables()));
            owner.commit();

            assertThat(value(read)).isEqualTo(2);
        }
    }

    /**
     * Why not rename schemas: the rename waits for no reader, so a transaction that read one table
     * before it (the projector's offsets row, a pull's watermark) reads the next table from the
     * other schema: t is the old one, u the new one.
     */
    @Test
    void renamingSchemasTakesNoTableLockSoOneTransactionReadsOneOldTableAndOneNewTable() throws SQLException {
        try (Connection session = service(); PreparedStatement readT = session.prepareStatement("SELECT v FROM t");
             PreparedStatement readU = session.prepareStatement("SELECT v FROM u")) {
            session.setAutoCommit(false);
            List<Integer> seenInOneTransaction = new ArrayList<>(List.of(value(readT)));

            owner("ALTER SCHEMA mech_live RENAME TO mech_old", "ALTER SCHEMA mech_next RENAME TO mech_live");
            seenInOneTransaction.add(value(readT));
            seenInOneTransaction.add(value(readU));
            session.commit();

            assertThat(seenInOneTransaction).containsExactly(1, 1, 2);
        }
    }

    @Test
    void aRolesSearchPathReachesOnlyNewSessionsSoAPoolKeepsReadingTheOldTable() throws SQLException {
        owner("CREATE ROLE " + READER + " LOGIN PASSWORD 'reader-secret'",
                "GRANT USAGE ON SCHEMA mech_live, mech_next TO " + READER,
                "GRANT SELECT ON mech_live.t, mech_next.t TO " + READER,
                "ALTER ROLE " + READER + " SET search_path = mech_live");
        try (Connection pooled = connect(READER, "reader-secret", false);
             PreparedStatement read = pooled.prepareStatement("SELECT v FROM t")) {
            assertThat(value(read)).isEqualTo(1);

            owner("ALTER ROLE " + READER + " SET search_path = mech_next");

            assertThat(value(read)).isEqualTo(1);
            try (Connection fresh = connect(READER, "reader-secret", false);
                 PreparedStatement again = fresh.prepareStatement("SELECT v FROM t")) {
                assertThat(value(again)).isEqualTo(2);
            }
        }
    }

    /** What the live rebuild's switch does, on one table. */
    private static String[] switchTables() {
        return new String[] {"LOCK TABLE mech_live.t IN ACCESS EXCLUSIVE MODE", "CREATE SCHEMA mech_old",
                "ALTER TABLE mech_live.t SET SCHEMA mech_old", "ALTER TABLE mech_next.t SET SCHEMA mech_live"};
    }

    private static String[] withLockTimeout(String[] statements) {
        List<String> all = new ArrayList<>(List.of("SET LOCAL lock_timeout = '300ms'"));
        all.addAll(List.of(statements));
        return all.toArray(String[]::new);
    }

    private Connection service() throws SQLException {
        Connection session = connect(ServiceRole.QUERY.roleName(), Infrastructure.password(ServiceRole.QUERY), true);
        try (Statement statement = session.createStatement()) {
            statement.execute("SET search_path = mech_live");
        }
        return session;
    }

    private Connection connect(String user, String password, boolean serverPrepareAtOnce) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        if (serverPrepareAtOnce) {
            properties.setProperty("prepareThreshold", "1");
        }
        return DriverManager.getConnection(infrastructure.databaseUrl(), properties);
    }

    private Connection ownerConnection() throws SQLException {
        return infrastructure.ownerConnection();
    }

    private void owner(String... statements) throws SQLException {
        try (Connection owner = ownerConnection()) {
            execute(owner, statements);
        }
    }

    private void ownerTransaction(String... statements) throws SQLException {
        try (Connection owner = ownerConnection()) {
            owner.setAutoCommit(false);
            execute(owner, statements);
            owner.commit();
        }
    }

    private static void execute(Connection connection, String... statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private boolean waitingOnALock(Connection session) throws SQLException {
        int pid = session.unwrap(org.postgresql.PGConnection.class).getBackendPID();
        try (Connection owner = ownerConnection();
             PreparedStatement statement = owner.prepareStatement(
                     "SELECT count(*) > 0 FROM pg_locks WHERE pid = ? AND NOT granted")) {
            statement.setInt(1, pid);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static int value(PreparedStatement read) {
        try (ResultSet rs = read.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
