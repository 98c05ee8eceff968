package io.contextstore.projector.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.platform.db.ServiceRole;
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
 * The plan of the statement that moves a large tenant's statistics checkpoint (ADR 49): it counts the rows between the
 * old checkpoint and the new one by the primary key's range, never the tenant's events whole, whatever the plan.
 */
class CheckpointPlanIT {

    /** A database of its own: the shape below would change the plans of every test on the shared one. */
    private static final Infrastructure infrastructure = Infrastructure.shared().withOwnDatabase("checkpoint_plan");
    private static final UUID LARGE = UUID.fromString("0b5e55ed-0000-4000-8000-000000000490");

    /** 10,000 small tenants and one of 60,000 events whose checkpoint is 4,096 events behind, analyzed. */
    @BeforeAll
    static void aLargeTenantWithACheckpoint() throws SQLException {
        try (Connection c = infrastructure.superuserConnection(); Statement s = c.createStatement()) {
            ReadModelShapes.oneLargeTenantAmongSmallOnes(s, LARGE, 60000, 10000);
            ReadModelShapes.streamWithCheckpoint(s, LARGE, 60000, 55903);
            s.execute("ANALYZE context_events");
            s.execute("ANALYZE tenant_streams");
        }
    }

    @ParameterizedTest
    @EnumSource(Plans.Mode.class)
    void movingALargeTenantsCheckpointReadsOnlyTheRowsSinceTheLastOne(Plans.Mode mode) throws SQLException {
        String plan = Plans.explain(infrastructure.settings(ServiceRole.PROJECTOR), List.of(Plans.asTenant(LARGE)), mode,
                TenantWrite.MOVE_CHECKPOINT, TenantWrite.moveCheckpointParameters(LARGE, 59999));

        assertThat(plan).as(plan).doesNotContain("Seq Scan on context_events")
                .containsPattern("Index Cond: \\(\\(tenant_id = .*\\) AND \\(kafka_offset > .*\\)");
    }
}
