package io.contextstore.projector;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import io.contextstore.testing.Infrastructure;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * In the running projector the consumer tells the search indexer which tenants it moved (ADR 44): with the indexer's
 * sweep across all tenants an hour away, an event published after the first sweep still becomes searchable.
 */
class SearchFollowsTheProjectorIT {

    /**
     * A database of its own: in the shared one, other tests' tenants lag in search (written without an indexer), and
     * a sweep that finds a round of them looks again at once, which would find this test's tenant too.
     */
    private static final ProjectorFixture fixture =
            new ProjectorFixture(Infrastructure.shared().withOwnDatabase("search_follows"));

    @Test
    void anEventProjectedAfterTheFirstSweepIsIndexedWithoutWaitingForTheNext() {
        List<String> arguments = new ArrayList<>(fixture.arguments());
        arguments.add("--contextstore.projector.search-sweep=1h");
        UUID before = UUID.randomUUID();
        UUID after = UUID.randomUUID();
        fixture.publish(ProjectorFixture.decision(before, "published before start"));
        try (ConfigurableApplicationContext projector = fixture.startInProcess(arguments)) {
            // the indexer's first turn sweeps before it indexes anything: once this is searchable, the sweep is behind us
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> documents(before) == 1);

            fixture.publish(ProjectorFixture.decision(after, "published after the first sweep"));

            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> documents(after) == 1);
        }
    }

    /** The owner reads search_documents past its tenant policy: hence the tenant in the statement. */
    private static long documents(UUID tenant) throws SQLException {
        return fixture.count(tenant, "SELECT count(*) FROM search_documents WHERE tenant_id = '" + tenant + "'");
    }
}
