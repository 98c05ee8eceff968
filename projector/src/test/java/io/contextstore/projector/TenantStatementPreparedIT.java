package io.contextstore.projector;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.events.ContentHash;
import io.contextstore.events.ContextEvent;
import io.contextstore.events.DecisionRecorded;
import io.contextstore.platform.db.Database;
import io.contextstore.platform.db.DatabaseSettings;
import io.contextstore.platform.db.ServiceRole;
import io.contextstore.projector.projection.LoggedEvent;
import io.contextstore.projector.store.ReadModelWriter;
import io.contextstore.testing.Infrastructure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A tenant statement's text changes with the number of events the tenant has in a poll, so with a few tenants a poll
 * most texts come round only a few times; at pgjdbc's default (prepared on the server from a text's fifth use) the
 * database parsed and planned nearly every one of them afresh (ADR 7). One connection, so the session that wrote is
 * the session asked.
 */
class TenantStatementPreparedIT {

    private final Infrastructure infrastructure = Infrastructure.shared();
    private final Database database = Database.connect(onlyOneConnection(infrastructure.settings(ServiceRole.PROJECTOR)),
            "prepared-it");

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aTenantStatementIsPreparedOnTheServerAtItsFirstUse() {
        UUID tenant = UUID.randomUUID();
        List<LoggedEvent> events = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ContextEvent event = ProjectorFixture.event(tenant, ContentHash.of(Map.of("kind", "decision", "n", i)),
                    new DecisionRecorded("title " + i, "decision " + i, null, List.of()));
            events.add(new LoggedEvent(0, i, event));
        }
        new ReadModelWriter(database, "prepared-it-" + UUID.randomUUID(), null, null).apply(0, events, List.of(), 7);

        List<String> prepared = database.withoutTenant(jdbc -> jdbc.sql(
                "SELECT statement FROM pg_prepared_statements WHERE statement LIKE 'WITH inserted AS%'")
                .query(String.class).list());
        assertThat(prepared).as("the tenant statement, kept by the session after one use").hasSize(1);
        assertThat(prepared.get(0)).contains("INSERT INTO context_events");
    }

    private static DatabaseSettings onlyOneConnection(DatabaseSettings settings) {
        return new DatabaseSettings(settings.url(), settings.username(), settings.password(), 1,
                settings.connectionTimeout());
    }
}
