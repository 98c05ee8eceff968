package io.contextstore.projector;

import io.contextstore.platform.db.Database;
import io.contextstore.platform.db.DatabaseSettings;
import io.contextstore.platform.db.Migrations;
import io.contextstore.platform.db.ServiceRole;
import io.contextstore.testing.Infrastructure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.flywaydb.core.Flyway;

/**
 * A schema of its own in the shared database, for an indexer that must see only this test's tenants, or for a
 * migration run on rows of an earlier version; dropped on close.
 */
public final class ScratchSchema implements AutoCloseable {

    public final Infrastructure infrastructure = Infrastructure.shared();
    public final String name = "search_" + Long.toString(System.nanoTime(), 36);

    /** Every migration up to the newest. */
    public void migrate() {
        Migrations.migrateSchema(infrastructure.databaseUrl(), infrastructure.ownerSettings().username(),
                Infrastructure.ownerPassword(), name);
    }

    /** The migrations up to {@code version} only: a schema as an earlier release left it. */
    public void migrateTo(String version) {
        Flyway.configure().dataSource(infrastructure.databaseUrl(), infrastructure.ownerSettings().username(),
                        Infrastructure.ownerPassword())
                .locations("classpath:db/migration").schemas(name).defaultSchema(name).createSchemas(true)
                .target(version).load().migrate();
    }

    /** The projector's role, in this schema. */
    public Database projectorDatabase() {
        DatabaseSettings projector = infrastructure.settings(ServiceRole.PROJECTOR);
        String url = projector.url() + (projector.url().contains("?") ? "&" : "?") + "currentSchema=" + name;
        return Database.connect(new DatabaseSettings(url, projector.username(), projector.password(), 2, Duration.ofSeconds(2)),
                "search-test");
    }

    /** A superuser connection with this schema first on its search path, past row-level security. */
    public Connection superuser() throws SQLException {
        Connection connection = infrastructure.superuserConnection();
        try (Statement s = connection.createStatement()) {
            s.execute("SET search_path = " + name);
        }
        return connection;
    }

    /** A projected event of {@code tenant}, as the projector writes it (no typed row). */
    public static void insertEvent(Connection c, UUID tenant, long offset, String kind, String data) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO context_events (tenant_id, kafka_offset, kafka_partition,"
                + " event_id, content_hash, kind, user_id, device_id, private_to, occurred_at, received_at, data, chain)"
                + " VALUES (?, ?, 0, ?, ?, ?, 'alice', 'laptop', ?, now(), now(), ?::jsonb, 'c')")) {
            s.setObject(1, tenant);
            s.setLong(2, offset);
            s.setObject(3, UUID.randomUUID());
            s.setString(4, "hash-" + offset);
            s.setString(5, kind);
            s.setString(6, kind.equals("decision") ? null : "alice");
            s.setString(7, data);
            s.executeUpdate();
        }
    }

    @Override
    public void close() {
        Migrations.dropSchema(infrastructure.databaseUrl(), infrastructure.ownerSettings().username(),
                Infrastructure.ownerPassword(), name);
    }
}
