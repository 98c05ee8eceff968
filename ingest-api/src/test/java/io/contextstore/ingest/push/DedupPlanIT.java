package io.contextstore.ingest.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.platform.db.ServiceRole;
import io.contextstore.testing.Infrastructure;
import io.contextstore.testing.Plans;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plans PostgreSQL keeps for a push's look-ups in the dedup index once the driver prepares them: generic plans,
 * made for the average tenant. In the end-to-end benchmark such a plan read all of a tenant's entries to find a push's
 * ten (bench/profiling.md, 5 December 2026): each push cost more the more its tenant had pushed before.
 */
class DedupPlanIT {

    /** A database of its own: the shape below would change the plans of every test on the shared one. */
    private static final Infrastructure infrastructure = Infrastructure.shared().withOwnDatabase("dedup_plan");
    private static final UUID LARGE = UUID.fromString("0b5e55ed-0000-4000-8000-00000000d0d0");

    /** 20,000 tenants of 3 entries and one of 20,000, analyzed: the average tenant a generic plan is made for has 4. */
    @BeforeAll
    static void manySmallTenantsAndOneLarge() throws SQLException {
        try (Connection c = infrastructure.superuserConnection(); Statement s = c.createStatement()) {
            String entries = "INSERT INTO dedup_index (tenant_id, event_id, content_hash, kafka_partition, kafka_offset)"
                    + " SELECT t, gen_random_uuid(), encode(sha256((t::text || g)::bytea), 'hex'), 0, g FROM ";
            s.execute(entries + "(SELECT gen_random_uuid() AS t FROM generate_series(1, 20000)) small, generate_series(1, 3) g");
            s.execute(entries + "(SELECT '" + LARGE + "'::uuid AS t) large, generate_series(1, 20000) g");
            s.execute("ANALYZE dedup_index");
        }
    }

    @Test
    void theGenericPlanOfAPushsLookUpByIdProbesEachIdNotTheTenantsEntriesWhole() throws SQLException {
        String plan = genericPlan(DedupIndex.BY_ID, List.of(LARGE, "{" + UUID.randomUUID() + "," + UUID.randomUUID() + "}"));

        assertThat(plan).as(plan).containsPattern("Index Cond: \\(\\(event_id = ANY \\(\\$2\\)\\) AND \\(tenant_id = \\$1\\)\\)")
                .doesNotContain("Filter: (event_id");
    }

    @Test
    void theGenericPlanOfAnEditsLookUpByPositionProbesEachPositionNotTheTenantsEntriesWhole() throws SQLException {
        String plan = genericPlan(DedupIndex.BY_OFFSET, List.of(LARGE, "{17,18}"));

        assertThat(plan).as(plan).containsPattern("Index Cond: \\(\\(kafka_offset = ANY \\(\\$2\\)\\) AND \\(tenant_id = \\$1\\)\\)")
                .doesNotContain("Filter: (kafka_offset");
    }

    /** The plan kept once the statement is prepared, as the ingest role of the tenant: generic, forced here. */
    private static String genericPlan(String sql, List<?> params) throws SQLException {
        return Plans.explain(infrastructure.settings(ServiceRole.INGEST), List.of(Plans.asTenant((UUID) params.get(0))),
                Plans.Mode.GENERIC, sql, params);
    }
}
