package io.contextstore.query.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.platform.db.ServiceRole;
import io.contextstore.testing.Infrastructure;
import io.contextstore.testing.Plans;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The plan PostgreSQL keeps for a search page once the driver prepares the statement: a generic plan, made for any
 * tenant with the average tenant's row count. The full benchmark run found such a plan hashing every event of a
 * million-event tenant for each search, 1.8 s a request (bench/profiling.md).
 */
class SearchPlanIT {

    /** A database of its own: the shape below would change the plans of every test on the shared one. */
    private static final Infrastructure infrastructure = Infrastructure.shared().withOwnDatabase("search_plan");
    private static final UUID LARGE = UUID.fromString("0b5e55ed-0000-4000-8000-000000000001");

    @Test
    void theGenericPlanOfASearchPageFetchesEachMatchedEventByItsKeyNotTheTenantsEventsWhole() throws SQLException {
        manySmallTenantsAndOneLarge();
        String plan = genericPlan(LARGE);
        // the page's events are alias e; other parts of the statement read context_events under other aliases
        List<String> reads = plan.lines().filter(line -> line.matches(".* on context_events e\\b.*")).toList();
        assertThat(reads).as(plan).singleElement().asString().contains("Index Scan using context_events_pkey");
        assertThat(plan).as(plan).contains("Index Cond: ((tenant_id = $8) AND (kafka_offset = m.kafka_offset))");
    }

    /**
     * 2,000 tenants of 5 events and one of 20,000, analyzed: the average tenant the generic plan is made for is small
     * (15 rows), as in the benchmark's database (266 rows beside a tenant of a million).
     */
    private static void manySmallTenantsAndOneLarge() throws SQLException {
        try (Connection c = infrastructure.superuserConnection(); Statement s = c.createStatement()) {
            String columns = "INSERT INTO context_events (tenant_id, kafka_offset, kafka_partition, event_id, content_hash,"
                    + " kind, user_id, device_id, occurred_at, received_at, data, chain) SELECT t, g, 0,"
                    + " gen_random_uuid(), md5(t::text || g), 'decision', 'u', 'd', now(), now(), '{}', 'c' FROM ";
            s.execute(columns + "(SELECT gen_random_uuid() AS t FROM generate_series(1, 2000)) small,"
                    + " generate_series(1, 5) g");
            s.execute(columns + "(SELECT '" + LARGE + "'::uuid AS t) large, generate_series(1, 20000) g");
            s.execute("ANALYZE context_events");
        }
    }

    /** The plan PostgreSQL keeps once the statement is prepared: generic, forced here rather than after five runs. */
    private static String genericPlan(UUID tenant) throws SQLException {
        return Plans.explain(infrastructure.settings(ServiceRole.QUERY), List.of(Plans.asMember(tenant, "u")),
                Plans.Mode.GENERIC, SearchReader.sql(),
                Arrays.asList("kafka", null, null, null, null, 21, SearchReader.CANDIDATES, tenant));
    }
}
