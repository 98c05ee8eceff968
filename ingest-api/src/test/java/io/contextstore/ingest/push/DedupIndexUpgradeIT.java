package io.contextstore.ingest.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.platform.db.Migrations;
import io.contextstore.testing.Infrastructure;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * An installation upgraded to release 5 (V12, ADR 39) can edit what it held before: the dedup index learns the kind
 * and scope of every entry whose event was projected, so the ingest checks an edit of an old item as of a new one;
 * an entry whose event was not projected yet keeps none, and its checks are left to the projector.
 */
class DedupIndexUpgradeIT {

    private final Infrastructure infrastructure = Infrastructure.shared();

    @Test
    void entriesOfProjectedEventsLearnTheirKindAndScopeAndTheOthersStayUnknown() throws SQLException {
        String schema = "edits_upgrade_" + Long.toString(System.nanoTime(), 36);
        Flyway.configure().dataSource(infrastructure.databaseUrl(), infrastructure.ownerSettings().username(),
                        Infrastructure.ownerPassword())
                .locations("classpath:db/migration").schemas(schema).defaultSchema(schema).createSchemas(true)
                .target("11").load().migrate();
        UUID tenant = UUID.randomUUID();
        try (Connection superuser = infrastructure.superuserConnection(); Statement s = superuser.createStatement()) {
            s.execute("SET search_path = " + schema);
            event(s, tenant, 0, "decision", null, null);
            event(s, tenant, 1, "learning", null, "acme");
            event(s, tenant, 2, "message", "alice", null);
            for (int offset = 0; offset <= 3; offset++) { // offset 3: indexed, not projected yet
                s.execute("INSERT INTO dedup_index (tenant_id, content_hash, event_id, kafka_partition, kafka_offset) VALUES ('"
                        + tenant + "', '" + "0".repeat(63) + offset + "', '" + id(offset) + "', 0, " + offset + ")");
            }
        }

        Migrations.migrateSchema(infrastructure.databaseUrl(), infrastructure.ownerSettings().username(),
                Infrastructure.ownerPassword(), schema);

        List<String> entries = new ArrayList<>();
        try (Connection superuser = infrastructure.superuserConnection(); Statement s = superuser.createStatement();
             ResultSet rs = s.executeQuery("SELECT kafka_offset, kind, scope_level, scope_project, item_id FROM " + schema
                     + ".dedup_index WHERE tenant_id = '" + tenant + "' ORDER BY kafka_offset")) {
            while (rs.next()) {
                entries.add(rs.getLong(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4) + " "
                        + rs.getString(5));
            }
        }
        assertThat(entries).containsExactly("0 decision tenant null null", "1 learning project acme null",
                "2 message personal null null", "3 null null null null");
    }

    private static void event(Statement s, UUID tenant, long offset, String kind, String privateTo, String project)
            throws SQLException {
        s.execute("INSERT INTO context_events (tenant_id, kafka_offset, kafka_partition, event_id, content_hash, kind, user_id,"
                + " device_id, private_to, project_id, project_scope, occurred_at, received_at, data, chain) VALUES ('"
                + tenant + "', " + offset + ", 0, '" + id(offset) + "', '" + "0".repeat(63) + offset + "', '" + kind
                + "', 'alice', 'laptop', " + quoted(privateTo) + ", " + quoted(project) + ", " + quoted(project)
                + ", now(), now(), '{}', 'c')");
    }

    private static String quoted(String value) {
        return value == null ? "NULL" : "'" + value + "'";
    }

    private static UUID id(long offset) {
        return new UUID(7, offset);
    }
}
