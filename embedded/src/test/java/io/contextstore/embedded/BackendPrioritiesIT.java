package io.contextstore.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackendPrioritiesIT {

    private static final String BACKGROUND = "background-work";
    private static final Duration INTERVAL = Duration.ofMillis(100);

    @TempDir
    Path directory;

    @Test
    void backendsOfTheNamedApplicationRunNicerAsTheyConnectAndOthersKeepTheirPriority() throws Exception {
        try (PostgresServer server = PostgresServer.start(directory.resolve("pg"), 0);
             Connection background = connect(server, BACKGROUND);
             Connection request = connect(server, "request-work");
             BackendPriorities priorities = BackendPriorities.lower(server, BACKGROUND, 10, INTERVAL)) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> nice(pid(background)) == 10);
            try (Connection later = connect(server, BACKGROUND)) {
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> nice(pid(later)) == 10);
            }
            assertThat(nice(pid(request))).isZero();
        }
    }

    @Test
    void afterTheServerCrashedAndStartedAgainItsNewBackendsRunNicerToo() throws Exception {
        try (PostgresServer server = PostgresServer.start(directory.resolve("pg"), 0);
             BackendPriorities priorities = BackendPriorities.lower(server, BACKGROUND, 10, INTERVAL)) {
            try (Connection before = connect(server, BACKGROUND)) {
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> nice(pid(before)) == 10);
                server.stopImmediately();
            }
            server.start();
            try (Connection after = connect(server, BACKGROUND)) {
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> nice(pid(after)) == 10);
            }
        }
    }

    private static Connection connect(PostgresServer server, String applicationName) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", PostgresServer.SUPERUSER);
        properties.setProperty("ApplicationName", applicationName);
        return DriverManager.getConnection(server.jdbcUrl("postgres"), properties);
    }

    private static long pid(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The nice value, field 19 of /proc/[pid]/stat (counted after the command name, which may hold spaces). */
    private static int nice(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
    }
}
