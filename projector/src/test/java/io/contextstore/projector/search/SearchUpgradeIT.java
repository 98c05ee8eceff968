package io.contextstore.projector.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.platform.db.Database;
import io.contextstore.projector.ProjectedTenants;
import io.contextstore.projector.ProjectorPace;
import io.contextstore.projector.ScratchSchema;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An installation that projected events before search had its own index (V6) loses none of them to
 * search after the upgrade: V7 hands every tenant's stream to the indexer as backlog, and the
 * indexer makes each kept event searchable once, a task by its current state only.
 */
class SearchUpgradeIT {

    @Test
    void eventsProjectedBeforeTheUpgradeBecomeSearchableOnceEach() throws SQLException {
        try (ScratchSchema schema = new ScratchSchema()) {
            schema.migrateTo("6");
            UUID tenant = UUID.randomUUID();
            try (Connection superuser = schema.superuser(); Statement s = superuser.createStatement()) {
                s.execute("INSERT INTO tenant_streams VALUES ('" + tenant + "', 0, 'head', 4, 3)");
                ScratchSchema.insertEvent(superuser, tenant, 0, "decision", "{\"title\": \"Kafka is the log\", \"decision\": \"keyed by tenant\"}");
                ScratchSchema.insertEvent(superuser, tenant, 1, "task", "{\"task_id\": \"t1\", \"description\": \"Ship zeppelin\", \"status\": \"pending\"}");
                ScratchSchema.insertEvent(superuser, tenant, 2, "tool_analytics", "{\"session_id\": \"s\", \"tool_name\": \"Bash\", \"calls\": 2}");
                ScratchSchema.insertEvent(superuser, tenant, 3, "task", "{\"task_id\": \"t1\", \"description\": \"Ship zeppelin\", \"status\": \"completed\"}");
                s.execute("INSERT INTO tasks (tenant_id, user_id, task_id, description, status, tool_success_count,"
                        + " tool_error_count, user_corrections, device_id, last_offset, updated_at)"
                        + " VALUES ('" + tenant + "', 'alice', 't1', 'Ship zeppelin', 'completed', 0, 0, 0, 'laptop', 3, now())");
            }
            schema.migrate();

            try (Database database = schema.projectorDatabase();
                 SearchIndexer indexer = new SearchIndexer(database, 2, new SimpleMeterRegistry(),
                         new ProjectorPace(2000, System::nanoTime), Duration.ofSeconds(30), new ProjectedTenants(),
                         Duration.ZERO, System::nanoTime)) { // every pass sweeps across all tenants
                assertThat(indexer.indexPending()).as("events looked at").isEqualTo(4);
                assertThat(indexer.indexPending()).as("a second pass finds nothing left").isZero();
            }
            try (Connection superuser = schema.superuser(); Statement s = superuser.createStatement();
                 ResultSet rs = s.executeQuery("SELECT string_agg(kind || '@' || kafka_offset, ',' ORDER BY kafka_offset)"
                         + " FROM search_documents")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("decision@0,task@3");
            }
        }
    }
}
