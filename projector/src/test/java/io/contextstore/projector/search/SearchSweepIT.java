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
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The indexer looks at the tenants the projector in its process moved, at once, and across all tenants only at start
 * and once a sweep interval has passed: what no projector here told of (a crash, a stopped instance) is indexed late,
 * never lost. Real PostgreSQL, the projector's role, a schema of the test's own; the clock is the test's.
 */
class SearchSweepIT {

    private static final long SECOND = 1_000_000_000L;
    private static final Duration SWEEP = Duration.ofSeconds(10);

    private final ScratchSchema schema = new ScratchSchema();
    private final AtomicLong now = new AtomicLong(SECOND);
    private final ProjectedTenants projected = new ProjectedTenants();
    private Database database;
    private SearchIndexer indexer;

    @BeforeEach
    void startWithNothingToIndex() {
        schema.migrate();
        database = schema.projectorDatabase();
        indexer = new SearchIndexer(database, 1000, new SimpleMeterRegistry(), new ProjectorPace(2000, now::get),
                Duration.ofSeconds(30), projected, SWEEP, now::get);
        assertThat(indexer.takeTurn()).as("the first turn sweeps an empty read model").isZero();
    }

    @AfterEach
    void dropSchema() {
        indexer.close();
        database.close();
        schema.close();
    }

    @Test
    void aTenantTheProjectorMovedIsIndexedAtTheNextTurnAndOneItDidNotTellOfAtTheNextSweep() throws SQLException {
        UUID told = project(0, "Kafka is the log");
        UUID untold = project(10, "Postgres reads");
        projected.moved(List.of(told));

        assertThat(indexer.takeTurn()).as("the told tenant's event").isEqualTo(1);
        assertThat(documents(told)).isEqualTo(1);
        assertThat(documents(untold)).isZero();

        now.addAndGet(SWEEP.toNanos() - 1);
        assertThat(indexer.takeTurn()).as("no sweep before its interval").isZero();
        now.addAndGet(1);
        assertThat(indexer.takeTurn()).as("the sweep finds the untold tenant").isEqualTo(1);
        assertThat(documents(untold)).isEqualTo(1);
        assertThat(projected.isEmpty()).isTrue();
    }

    @Test
    void aSweepThatFindsARoundOfLaggingTenantsLooksAgainUntilNoneLag() throws SQLException {
        for (int tenant = 0; tenant < 150; tenant++) { // more than two rounds of 64
            project(tenant, "decision " + tenant);
        }
        now.addAndGet(SWEEP.toNanos());

        assertThat(indexer.takeTurn()).as("one turn, every lagging tenant").isEqualTo(150);
        assertThat(documents(null)).isEqualTo(150);
    }

    @Test
    void aDeletedTenantTheProjectorToldOfGetsNoSearchPosition() throws SQLException {
        UUID deleted = UUID.randomUUID(); // its stream is gone with it; its events too
        projected.moved(List.of(deleted));

        assertThat(indexer.takeTurn()).isZero();
        assertThat(count("SELECT count(*) FROM search_positions WHERE tenant_id = '" + deleted + "'")).isZero();
        assertThat(projected.isEmpty()).isTrue();
    }

    /** One projected decision of a new tenant, as the projector leaves it: the event and the tenant's stream. */
    private UUID project(long offset, String title) throws SQLException {
        UUID tenant = UUID.randomUUID();
        try (Connection superuser = schema.superuser(); Statement s = superuser.createStatement()) {
            ScratchSchema.insertEvent(superuser, tenant, offset, "decision", "{\"title\": \"" + title + "\", \"decision\": \"x\"}");
            s.execute("INSERT INTO tenant_streams VALUES ('" + tenant + "', 0, 'head', 1, " + offset + ")");
        }
        return tenant;
    }

    private long documents(UUID tenant) throws SQLException {
        return count("SELECT count(*) FROM search_documents" + (tenant == null ? "" : " WHERE tenant_id = '" + tenant + "'"));
    }

    private long count(String sql) throws SQLException {
        try (Connection superuser = schema.superuser(); Statement s = superuser.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
