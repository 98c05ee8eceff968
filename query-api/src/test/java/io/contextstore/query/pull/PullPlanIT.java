package io.contextstore.query.pull;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.platform.auth.AccessToken;
import io.contextstore.platform.db.OneTrip;
import io.contextstore.platform.db.ServiceRole;
import io.contextstore.query.ReadBarrier;
import io.contextstore.query.pull.decision.PullRequest;
import io.contextstore.testing.Infrastructure;
import io.contextstore.testing.Plans;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The plan of a pull page for a tenant that grew after the table was last analyzed. Right after a million events were
 * projected for one tenant, the benchmark's pages took up to 4.5 s: PostgreSQL read every event after the cursor with a
 * bitmap scan and sorted them for a page of 500 (bench/profiling.md, ADR 46).
 */
class PullPlanIT {

    /** A database of its own: the shape below would change the plans of every test on the shared one. */
    private static final Infrastructure infrastructure = Infrastructure.shared().withOwnDatabase("pull_plan");
    private static final UUID LARGE = UUID.fromString("0b5e55ed-0000-4000-8000-000000000002");

    /**
     * As the benchmark's database had it: many tenants whose offsets interleave on the table's pages (offsets are a
     * partition's, shared by its tenants), analyzed while the large tenant had 2,000 of its events; then it grew to
     * 60,000. Rows of a real decision's size: a page's cost is in the heap pages it fetches.
     */
    @BeforeAll
    static void aTenantThatGrewAfterTheLastAnalyze() throws SQLException {
        try (Connection c = infrastructure.superuserConnection(); Statement s = c.createStatement()) {
            String insert = "INSERT INTO context_events (tenant_id, kafka_offset, kafka_partition, event_id, content_hash,"
                    + " kind, user_id, device_id, occurred_at, received_at, data, chain) SELECT t, o, 0, gen_random_uuid(),"
                    + " md5(t::text || o), 'decision', 'u', 'd', now(), now(),"
                    + " jsonb_build_object('decision', repeat('kafka ', 170)), 'c' FROM ";
            s.execute("ALTER TABLE context_events SET (autovacuum_enabled = false)");
            s.execute(insert + "(SELECT gen_random_uuid() AS t, g * 37 % 60000 AS o FROM generate_series(1, 10000) g"
                    + " UNION ALL SELECT '" + LARGE + "'::uuid, g FROM generate_series(1, 2000) g) r ORDER BY random()");
            s.execute("ANALYZE context_events");
            s.execute(insert + "(SELECT '" + LARGE + "'::uuid AS t, g AS o FROM generate_series(2001, 60000) g) r"
                    + " ORDER BY random()");
        }
    }

    @ParameterizedTest
    @EnumSource(Plans.Mode.class)
    void aPageOfAGrownTenantWalksItsEventsInOffsetOrderInsteadOfSortingAllAfterTheCursor(Plans.Mode mode)
            throws SQLException {
        AccessToken member = new AccessToken(LARGE, "u", "d", AccessToken.Role.MEMBER, "t", Instant.now().plusSeconds(60));
        OneTrip.Statement<?> events = EventReader.events(member, new PullRequest(30000, 500, List.of(), null, ReadBarrier.NONE));
        String plan = plan(member, events, mode);
        List<String> reads = plan.lines().filter(line -> line.matches(".* on context_events e\\b.*")).toList();
        assertThat(reads).as(plan).singleElement().asString().contains("Index Scan using context_events_pkey");
        assertThat(plan).as(plan).doesNotContain("Sort Key: e.kafka_offset");
    }

    /** The statement's plan in a page's transaction: the caller's settings, then the page's own. */
    private static String plan(AccessToken token, OneTrip.Statement<?> statement, Plans.Mode mode) throws SQLException {
        return Plans.explain(infrastructure.settings(ServiceRole.QUERY), List.of(Plans.asMember(token.tenantId(),
                token.userId()), EventReader.IN_INDEX_ORDER.sql()), mode, statement.sql(), statement.params());
    }
}
