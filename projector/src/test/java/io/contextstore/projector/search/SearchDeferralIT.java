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
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The search indexer yields to a projector catching up with its log (ADR 44): it indexes nothing while the projector's
 * polls come back full, takes a turn anyway once search has waited its limit, and catches up once the projector has.
 * Real PostgreSQL, the projector's role, a schema of the test's own; the clock is the test's.
 */
class SearchDeferralIT {

    private static final int FULL_POLL = 2000;
    private static final long SECOND = 1_000_000_000L;
    /** Longer than any test here runs on its clock: the first turn's sweep finds the lagging tenants, as at start. */
    private static final Duration SWEEP = Duration.ofMinutes(10);

    private final ScratchSchema schema = new ScratchSchema();
    private final AtomicLong now = new AtomicLong(SECOND);
    private final ProjectorPace pace = new ProjectorPace(FULL_POLL, now::get);
    private final UUID first = UUID.randomUUID();
    private Database database;
    private SearchIndexer indexer;

    @BeforeEach
    void projectTwoDecisions() throws SQLException {
        schema.migrate();
        try (Connection superuser = schema.superuser(); Statement s = superuser.createStatement()) {
            ScratchSchema.insertEvent(superuser, first, 0, "decision", "{\"title\": \"Kafka is the log\", \"decision\": \"keyed\"}");
            ScratchSchema.insertEvent(superuser, first, 1, "decision", "{\"title\": \"Postgres reads\", \"decision\": \"RLS\"}");
            s.execute("INSERT INTO tenant_streams VALUES ('" + first + "', 0, 'head', 2, 1)");
        }
        database = schema.projectorDatabase();
        indexer = new SearchIndexer(database, 1000, new SimpleMeterRegistry(), pace, Duration.ofSeconds(30),
                new ProjectedTenants(), SWEEP, now::get);
    }

    @AfterEach
    void dropSchema() {
        indexer.close();
        database.close();
        schema.close();
    }

    @Test
    void nothingIsIndexedWhileTheProjectorCatchesUpAndEverythingOnceItHasCaughtUp() throws SQLException {
        pace.polled(FULL_POLL);
        assertThat(indexer.takeTurn()).isZero();
        advance(SECOND / 2);
        pace.polled(FULL_POLL);
        assertThat(indexer.takeTurn()).isZero();
        assertThat(documents()).isZero();

        advance(SECOND); // no full poll for a second: the projector has caught up
        assertThat(indexer.takeTurn()).isEqualTo(2);
        assertThat(documents()).isEqualTo(2);
    }

    @Test
    void searchTakesATurnAnywayOnceItHasWaitedItsLimitForALongCatchUp() throws SQLException {
        for (int second = 0; second < 30; second++) {
            pace.polled(FULL_POLL);
            assertThat(indexer.takeTurn()).as("second %d of the catch-up", second).isZero();
            advance(SECOND);
        }
        pace.polled(FULL_POLL);
        assertThat(indexer.takeTurn()).as("30 s of waiting").isEqualTo(2);
        assertThat(documents()).isEqualTo(2);
    }

    @Test
    void aCatchUpUnderWayStopsBetweenBatchesOfOneLargeTenantWhenTheProjectorStartsCatchingUp() throws SQLException {
        UUID large = UUID.randomUUID();
        try (Connection superuser = schema.superuser(); Statement s = superuser.createStatement()) {
            for (int offset = 10; offset < 13; offset++) {
                ScratchSchema.insertEvent(superuser, large, offset, "decision", "{\"title\": \"d" + offset + "\", \"decision\": \"x\"}");
            }
            s.execute("INSERT INTO tenant_streams VALUES ('" + large + "', 0, 'head', 3, 12)");
            s.execute("INSERT INTO search_positions VALUES ('" + first + "', 1)"); // only the large tenant lags
        }
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        // the projector's last full poll was at 1 s and its clock reads 5 s, until the indexer has counted its first
        // batch: from then on it reads 1.5 s, as if a full poll had come in while the indexer worked on that batch
        AtomicLong paceClock = new AtomicLong(SECOND);
        ProjectorPace interrupted = new ProjectorPace(FULL_POLL,
                () -> registry.counter("contextstore.search.indexed").count() > 0 ? SECOND + SECOND / 2 : paceClock.get());
        interrupted.polled(FULL_POLL);
        paceClock.set(5 * SECOND);
        try (SearchIndexer oneAtATime = new SearchIndexer(database, 1, registry, interrupted, Duration.ofSeconds(30),
                new ProjectedTenants(), SWEEP, now::get)) {
            assertThat(oneAtATime.takeTurn()).as("one batch of one event, then the projector comes first").isEqualTo(1);
        }
        assertThat(documents()).isEqualTo(1);
    }

    private void advance(long nanos) {
        now.addAndGet(nanos);
    }

    private long documents() throws SQLException {
        try (Connection superuser = schema.superuser(); Statement s = superuser.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM search_documents")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
