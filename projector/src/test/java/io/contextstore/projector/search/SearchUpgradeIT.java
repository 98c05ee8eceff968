package io.contextstore.projector.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.platform.db.Database;
import io.contextstore.platform.db.DatabaseSettings;
import io.contextstore.platform.db.Migrations;
import io.contextstore.platform.db.ServiceRole;
import io.contextstore.testing.Infrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * An installation that projected events before search had its own index (V6) loses none of them to
 * search after the upgrade: V7 hands every tenant's stream to the indexer as backlog, and the
 * indexer makes each kept event searchable once, a task by its current state only.
 */
class SearchUpgradeIT {

    private final Infrastructure infrastructure = Infrastructure.shared();

    @Test
    void eventsProjectedBeforeTheUpgradeBecomeSearchableOnceEach() throws SQLException {
        String schema = "upgrade_" + Long.toString(System.nanoTime(), 36);
        Flyway.configure().dataSource(infrastructure.databaseUrl(), infrastructure.ownerSettings().username(),
                        Infrastructure.ownerPassword())
                .locations("classpath:db/migration").schemas(schema).defaultSchema(schema).createSchemas(true)
                .target("6").load().migrate();
        UUID tenant = UUID.randomUUID();
        try (Connection superuser = infrastructure.superuserConnection(); Statement s = superuser.createStatement()) {
            s.execute("SET search_path = " + schema);
            s.execute("INSERT INTO tenant_streams VALUES ('" + tenant + "', 0, 'head', 4, 3)");
            insert(superuser, tenant, 0, "decision", "{\"title\": \"Kafka is the log\", \"decision\": \"keyed by tenant\"}");
            insert(superuser, tenant, 1, "task", "{\"task_id\": \"t1\", \"description\": \"Ship zeppelin\", \"status\": \"pending\"}");
            insert(superuser, tenant, 2, "tool_analytics", "{\"session_id\": \"s\", \"tool_name\": \"Bash\", \"calls\": 2}");
            insert(superuser, tenant, 3, "task", "{\"task_id\": \"t1\", \"description\": \"Ship zeppelin\", \"status\": \"completed\"}");
            s.execute("INSERT INTO tasks (tenant_id, user_id, task_id, description, status, tool_success_count,"
                    + " tool_error_count, user_corrections, device_id, last_offset, updated_at)"
                    + " VALUES ('" + tenant + "', 'alice', 't1', 'Ship zeppelin', 'completed', 0, 0, 0, 'laptop', 3, now())");
        }
        Migrations.migrateSchema(infrastructure.databaseUrl(), infrastructure.ownerSettings().username(),
                Infrastructure.ownerPassword(), schema);

        DatabaseSettings projector = infrastructure.settings(ServiceRole.PROJECTOR);
        try (Database database = Database.connect(new DatabaseSettings(projector.url() + (projector.url().contains("?") ? "&" : "?") + "currentSchema=" + schema,
                projector.username(), projector.password(), 2, Duration.ofSeconds(2)), "upgrade");
             SearchIndexer indexer = new SearchIndexer(database, 2, new SimpleMeterRegistry())) {
            assertThat(indexer.indexPending()).as("events looked at").isEqualTo(4);
            assertThat(indexer.indexPending()).as("a second pass finds nothing left").isZero();
        }
        try (Connection superuser = infrastructure.superuserConnection(); Statement s = superuser.createStatement();
             ResultSet rs = s.executeQuery("SELECT string_agg(kind || '@' || kafka_offset, ',' ORDER BY kafka_offset)"
                     + " FROM " + schema + ".search_documents")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("decision@0,task@3");
        } finally {
            Migrations.dropSchema(infrastructure.databaseUrl(), infrastructure.ownerSettings().username(),
                    Infrastructure.ownerPassword(), schema);
        }
    }

    private static void insert(Connection c, UUID tenant, long offset, String kind, String data) throws SQLException {
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
}
