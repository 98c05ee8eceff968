package io.contextstore.projector.search;

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

/** A schema of its own in the shared database, for an indexer that must see only this test's tenants; dropped on close. */
final class ScratchSchema implements AutoCloseable {

    final Infrastructure infrastructure = Infrastructure.shared();
    final String name = "search_" + Long.toString(System.nanoTime(), 36);

    /** Every migration up to the newest. */
    void migrate() {
        Migrations.migrateSchema(infrastructure.databaseUrl(), infrastructure.ownerSettings().username(),
                Infrastructure.ownerPassword(), name);
    }

    /** The projector's role, in this schema. */
    Database projectorDatabase() {
        DatabaseSettings projector = infrastructure.settings(ServiceRole.PROJECTOR);
        String url = projector.url() + (projector.url().contains("?") ? "&" : "?") + "currentSchema=" + name;
        return Database.connect(new DatabaseSettings(url, projector.username(), projector.password(), 2, Duration.ofSeconds(2)),
                "search-test");
    }

    /** A superuser connection with this schema first on its search path, past row-level security. */
    Connection superuser() throws SQLException {
        Connection connection = infrastructure.superuserConnection();
        try (Statement s = connection.createStatement()) {
            s.execute("SET search_path = " + name);
        }
        return connection;
    }

    /** A projected event of {@code tenant}, as the projector writes it (no typed row). */
    static void insertEvent(Connection c, UUID tenant, long offset, String kind, String data) throws SQLException {
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
