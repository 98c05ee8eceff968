package io.contextstore.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresServerIT {

    @TempDir
    Path directory;

    @Test
    void runsDurablyAndKeepsDataAcrossRestarts() throws Exception {
        try (PostgresServer server = PostgresServer.start(directory.resolve("pg"), 0)) {
            try (Connection c = superuser(server); Statement s = c.createStatement()) {
                assertThat(setting(s, "fsync")).isEqualTo("on");
                assertThat(setting(s, "synchronous_commit")).isEqualTo("on");
                assertThat(setting(s, "backend_flush_after")).isEqualTo("256kB");
                s.execute("CREATE TABLE kept (v text)");
                s.execute("INSERT INTO kept VALUES ('before restart')");
            }

            server.stop();
            server.start();

            try (Connection c = superuser(server); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT v FROM kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("before restart");
            }
        }
    }

    @Test
    void committedRowsSurviveAnImmediateStopAndTheServerRecoversOnTheNextStart() throws Exception {
        try (PostgresServer server = PostgresServer.start(directory.resolve("pg"), 0)) {
            try (Connection c = superuser(server); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept (v text)");
                s.execute("INSERT INTO kept VALUES ('committed before the crash')");
            }
            long postmaster = server.pid();

            server.stopImmediately();

            assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            server.start();
            try (Connection c = superuser(server); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT v FROM kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("committed before the crash");
            }
        }
    }

    @Test
    void rolesOtherThanTheSuperuserMustGiveTheirPassword() throws Exception {
        try (PostgresServer server = PostgresServer.start(directory.resolve("pg"), 0)) {
            try (Connection c = superuser(server); Statement s = c.createStatement()) {
                s.execute("CREATE ROLE app LOGIN PASSWORD 'right'");
            }

            assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl("postgres"), "app", "wrong"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("password authentication failed");
            try (Connection c = DriverManager.getConnection(server.jdbcUrl("postgres"), "app", "right")) {
                assertThat(c.isValid(2)).isTrue();
            }
        }
    }

    private static Connection superuser(PostgresServer server) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl("postgres"), PostgresServer.SUPERUSER, "");
    }

    private static String setting(Statement s, String name) throws SQLException {
        try (ResultSet rs = s.executeQuery("SHOW " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
