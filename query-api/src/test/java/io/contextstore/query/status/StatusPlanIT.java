package io.contextstore.query.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.platform.db.ServiceRole;
import io.contextstore.platform.stats.SyncCounts;
import io.contextstore.testing.Infrastructure;
import io.contextstore.testing.Plans;
import io.contextstore.testing.ReadModelShapes;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The plan of a status read for a large tenant (ADR 49): the statistics checkpoint counts what lies before it, so the
 * read visits the rows after it only, by the primary key, never the tenant's events whole.
 */
class StatusPlanIT {

    /** A database of its own: the shape below would change the plans of every test on the shared one. */
    private static final Infrastructure infrastructure = Infrastructure.shared().withOwnDatabase("status_plan");
    private static final UUID LARGE = UUID.fromString("0b5e55ed-0000-4000-8000-000000000049");

    /** 10,000 small tenants and one of 60,000 events whose checkpoint is 1,000 events behind, analyzed. */
    @BeforeAll
    static void aLargeTenantWithACheckpoint() throws SQLException {
        try (Connection c = infrastructure.superuserConnection(); Statement s = c.createStatement()) {
            ReadModelShapes.oneLargeTenantAmongSmallOnes(s, LARGE, 60000, 10000);
            ReadModelShapes.streamWithCheckpoint(s, LARGE, 60000, 59000);
            s.execute("INSERT INTO sync_stats (tenant_id, kind, private_to, project_scope, events, last_offset)"
                    + " VALUES ('" + LARGE + "', 'decision', '', '', 59000, 59000)");
            s.execute("ANALYZE context_events");
            s.execute("ANALYZE tenant_streams");
            s.execute("ANALYZE sync_stats");
        }
    }

    @ParameterizedTest
    @EnumSource(Plans.Mode.class)
    void aStatusReadOfALargeTenantVisitsOnlyTheEventsAfterItsCheckpoint(Plans.Mode mode) throws SQLException {
        String plan = Plans.explain(infrastructure.settings(ServiceRole.QUERY), List.of(Plans.asMember(LARGE, "u")), mode,
                SyncCounts.BY_GROUP, List.of());

        assertThat(plan).as(plan).doesNotContain("Seq Scan on context_events")
                .containsPattern("Index Cond: \\(\\(tenant_id = .*\\) AND \\(kafka_offset > .*\\)\\)");
    }
}
