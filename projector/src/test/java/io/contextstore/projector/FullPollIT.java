package io.contextstore.projector;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.events.ContextEvent;
import io.contextstore.events.Supersedes;
import io.contextstore.platform.db.Database;
import io.contextstore.platform.db.ServiceRole;
import io.contextstore.projector.projection.LoggedEvent;
import io.contextstore.projector.store.ReadModelWriter;
import io.contextstore.testing.Infrastructure;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * A full poll of one tenant's events, at the projector's default size (ADR 53), against the real database: whatever
 * rows it makes must fit statements PostgreSQL's driver can bind (at most 65,535 parameters each), or the partition
 * would retry the poll for ever. Tasks make a row of state each, and edits rewrite their items' versions.
 */
class FullPollIT {

    private static final int PARTITION = 0;
    private static final int FULL_POLL = new Binder(new MapConfigurationPropertySource())
            .bindOrCreate("contextstore.projector", ProjectorProperties.class).maxPollRecords();

    private final Infrastructure infrastructure = Infrastructure.shared();
    private final Database database = Database.connect(infrastructure.settings(ServiceRole.PROJECTOR), "full-poll-it");
    private final ReadModelWriter writer = new ReadModelWriter(database, "full-poll-it-" + UUID.randomUUID(), null, null);
    private final UUID tenant = UUID.randomUUID();

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aFullPollOfOneTenantsTasksEachOfItsOwnKeepsEveryTasksState() {
        List<LoggedEvent> poll = IntStream.range(0, FULL_POLL).mapToObj(offset -> new LoggedEvent(PARTITION, offset,
                ProjectorFixture.task(tenant, "task-" + offset, "in_progress"))).toList();

        writer.apply(PARTITION, poll, List.of(), FULL_POLL);

        assertThat(count("SELECT count(*) FROM context_events")).isEqualTo(FULL_POLL);
        assertThat(count("SELECT count(*) FROM tasks")).isEqualTo(FULL_POLL);
        assertThat(count("SELECT min(last_offset) FROM tasks")).isZero();
        assertThat(count("SELECT events FROM tenant_streams")).isEqualTo(FULL_POLL);
    }

    @Test
    void aFullPollOfEditsRecordsEveryVersionOfEveryItemItChanged() {
        List<LoggedEvent> originals = new ArrayList<>();
        List<LoggedEvent> edits = new ArrayList<>();
        for (int i = 0; i < FULL_POLL; i++) {
            originals.add(new LoggedEvent(PARTITION, i, ProjectorFixture.decision(tenant, "decision " + i)));
            Supersedes supersedes = new Supersedes(originals.get(i).event().getEventId().toString(), List.of(i + 1L));
            edits.add(new LoggedEvent(PARTITION, FULL_POLL + i, ContextEvent.newBuilder(
                    ProjectorFixture.decision(tenant, "decision " + i + ", revised")).setSupersedes(supersedes).build()));
        }
        writer.apply(PARTITION, originals, List.of(), FULL_POLL);

        writer.apply(PARTITION, edits, List.of(), 2L * FULL_POLL);

        assertThat(count("SELECT count(*) FROM item_versions")).isEqualTo(2L * FULL_POLL);
        assertThat(count("SELECT count(*) FROM item_versions WHERE current")).isEqualTo(FULL_POLL);
        assertThat(count("SELECT count(*) FROM decisions")).isEqualTo(FULL_POLL); // the revised ones alone
        assertThat(count("SELECT min(kafka_offset) FROM decisions")).isEqualTo(FULL_POLL);
    }

    private long count(String sql) {
        return database.inTenant(tenant, jdbc -> jdbc.sql(sql).query(Long.class).single());
    }
}
