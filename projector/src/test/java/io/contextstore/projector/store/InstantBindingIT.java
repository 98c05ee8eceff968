package io.contextstore.projector.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contextstore.platform.db.DatabaseSettings;
import io.contextstore.platform.db.MultiRowInsert;
import io.contextstore.platform.db.ServiceRole;
import io.contextstore.testing.Infrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.core.Oid;
import org.postgresql.jdbc.PgConnection;

/**
 * The projector binds every timestamp it writes (an event's times, a failure's) as an instant, which goes to
 * PostgreSQL as a timestamptz in binary: each must be stored as the same moment, on either side of PostgreSQL's epoch
 * (2000-01-01) and at the ends of the years a client may send; and as text where a connection sends no binary. One
 * PostgreSQL cannot hold is refused as bad data (SQLSTATE class 22), which the projector sets aside, never stored as
 * another moment and never an error it would retry for ever.
 */
class InstantBindingIT {

    private static final List<Instant> INSTANTS = List.of(Instant.EPOCH, Instant.parse("2000-01-01T00:00:00Z"),
            Instant.parse("1999-12-31T23:59:59.999Z"), Instant.parse("2000-01-01T00:00:00.001Z"),
            Instant.parse("2026-12-07T05:00:00.123Z"), Instant.parse("9999-12-31T23:59:59.999Z"),
            Instant.parse("0001-01-01T00:00:00Z"), Instant.ofEpochSecond(-1, 999_000));

    private final DatabaseSettings projector = Infrastructure.shared().settings(ServiceRole.PROJECTOR);

    @ParameterizedTest(name = "binary: {0}")
    @ValueSource(booleans = {true, false})
    void everyInstantIsStoredAsTheSameMoment(boolean binary) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", projector.username());
        properties.setProperty("password", projector.password());
        if (!binary) {
            properties.setProperty("binaryTransferDisable", "TIMESTAMPTZ");
        }
        try (Connection c = DriverManager.getConnection(projector.url(), properties); Statement s = c.createStatement()) {
            assertThat(c.unwrap(PgConnection.class).binaryTransferSend(Oid.TIMESTAMPTZ)).isEqualTo(binary);
            s.execute("CREATE TEMPORARY TABLE instants (n int, at timestamptz NOT NULL)");
            List<Integer> rows = new ArrayList<>();
            for (int n = 0; n < INSTANTS.size(); n++) {
                rows.add(n);
            }

            MultiRowInsert.<Integer>into("instants", n -> new Object[] {n, INSTANTS.get(n)}, "n", "at").execute(c, rows);

            List<Instant> stored = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT at FROM instants ORDER BY n")) {
                while (rs.next()) {
                    stored.add(rs.getObject(1, OffsetDateTime.class).toInstant());
                }
            }
            assertThat(stored).containsExactlyElementsOf(INSTANTS);
            try (ResultSet rs = s.executeQuery("SELECT at FROM instants WHERE n = 4 AND at = '2026-12-07 05:00:00.123+00'")) {
                assertThat(rs.next()).as("compared by the server with its own text").isTrue();
            }
            c.setAutoCommit(false);
            for (Instant beyond : List.of(Instant.parse("+300000-01-01T00:00:00Z"), Instant.ofEpochMilli(Long.MAX_VALUE),
                    Instant.ofEpochMilli(Long.MIN_VALUE))) {
                assertThatThrownBy(() -> MultiRowInsert.<Instant>into("instants", at -> new Object[] {99, at}, "n", "at")
                        .execute(c, List.of(beyond))).as("%s", beyond).rootCause().isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).startsWith("22"));
                c.rollback();
            }
        }
    }
}
