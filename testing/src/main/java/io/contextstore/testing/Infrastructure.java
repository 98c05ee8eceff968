package io.contextstore.testing;

import io.contextstore.platform.db.DatabaseBootstrap;
import io.contextstore.platform.db.DatabaseSettings;
import io.contextstore.platform.db.Migrations;
import io.contextstore.platform.db.ServiceRole;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * The Kafka broker and PostgreSQL every integration test talks to, started once per test JVM:
 * containers where a Docker engine runs, the embedded broker and database everywhere else. Either
 * way they are real servers; tests isolate themselves by tenant, not by restarting them.
 */
public final class Infrastructure {

    public static final String DATABASE = "contextstore";
    public static final String OWNER = "cs_owner";
    private static final String OWNER_PASSWORD = "owner-secret";
    private static final Logger log = LoggerFactory.getLogger(Infrastructure.class);
    private static Infrastructure shared;

    private final Servers servers;
    private final String database;

    private Infrastructure(Servers servers, String database) {
        this.servers = servers;
        this.database = database;
    }

    /** The one instance of this JVM, started and migrated on first use. */
    public static synchronized Infrastructure shared() {
        if (shared == null) {
            long started = System.nanoTime();
            Servers servers = dockerAvailable() ? new ContainerServers() : new EmbeddedServers();
            shared = new Infrastructure(servers, DATABASE);
            shared.prepareDatabase();
            log.info("Test infrastructure ({}) ready in {} ms: Kafka {}, PostgreSQL {}", servers.kind(),
                    (System.nanoTime() - started) / 1_000_000, servers.kafkaBootstrapServers(), servers.superuserUrl(DATABASE));
            Runtime.getRuntime().addShutdownHook(new Thread(servers::close, "test-infrastructure-stop"));
        }
        return shared;
    }

    public String kafkaBootstrapServers() {
        return servers.kafkaBootstrapServers();
    }

    /**
     * The same servers with a database of its own, created afresh and migrated: for a test that brings its own
     * Kafka, whose partitions' offsets must not meet the read model (and the projector offsets) that the tests on
     * the shared broker project into the shared database.
     */
    public Infrastructure withOwnDatabase(String name) {
        try (Connection c = servers.superuserConnection("postgres"); java.sql.Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop database " + name, e);
        }
        Infrastructure own = new Infrastructure(servers, name);
        own.prepareDatabase();
        return own;
    }

    public String databaseUrl() {
        return servers.url(database);
    }

    /** Connection settings of a service's own login role. */
    public DatabaseSettings settings(ServiceRole role) {
        return new DatabaseSettings(databaseUrl(), role.roleName(), password(role), 4, Duration.ofSeconds(2));
    }

    public DatabaseSettings ownerSettings() {
        return new DatabaseSettings(databaseUrl(), OWNER, OWNER_PASSWORD, 2, Duration.ofSeconds(2));
    }

    /** A connection as the table owner, for tests that tamper with rows or inspect the catalog. */
    public Connection ownerConnection() throws SQLException {
        return DriverManager.getConnection(databaseUrl(), OWNER, OWNER_PASSWORD);
    }

    public Connection superuserConnection() throws SQLException {
        return servers.superuserConnection(database);
    }

    public static String ownerPassword() {
        return OWNER_PASSWORD;
    }

    public static String password(ServiceRole role) {
        return role.roleName() + "-secret";
    }

    /** Makes the broker unreachable (stopped, or paused in a container) until {@link #startBroker()}. */
    public void stopBroker() {
        servers.stopBroker();
    }

    public void startBroker() {
        servers.startBroker();
    }

    public void stopDatabase() {
        servers.stopDatabase();
    }

    public void startDatabase() {
        servers.startDatabase();
    }

    private void prepareDatabase() {
        DatabaseBootstrap.ensureOwnerAndDatabase(servers.superuserUrl("postgres"), servers.superuser(), OWNER,
                OWNER_PASSWORD, database);
        Migrations.migrate(databaseUrl(), OWNER, OWNER_PASSWORD);
        Map<ServiceRole, String> passwords = new EnumMap<>(ServiceRole.class);
        for (ServiceRole role : ServiceRole.values()) {
            passwords.put(role, password(role));
        }
        Migrations.enableLogins(databaseUrl(), OWNER, OWNER_PASSWORD, passwords);
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** The two ways to get the servers. */
    interface Servers extends AutoCloseable {
        String kind();

        String kafkaBootstrapServers();

        String url(String database);

        String superuserUrl(String database);

        String superuser();

        Connection superuserConnection(String database) throws SQLException;

        void stopBroker();

        void startBroker();

        void stopDatabase();

        void startDatabase();

        @Override
        void close();
    }
}
