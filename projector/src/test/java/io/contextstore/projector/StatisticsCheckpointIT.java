package io.contextstore.projector;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.events.ContextEvent;
import io.contextstore.platform.db.Database;
import io.contextstore.platform.db.ServiceRole;
import io.contextstore.platform.stats.SyncCounts;
import io.contextstore.projector.projection.LoggedErasure;
import io.contextstore.projector.projection.LoggedEvent;
import io.contextstore.projector.projection.ProjectionPlanner;
import io.contextstore.projector.store.PartitionBatch;
import io.contextstore.projector.store.ReadModelWriter;
import io.contextstore.testing.Infrastructure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sync statistics as a checkpoint plus the rows after it (ADR 49), against the real database: what readers count
 * is every row the tenant has, wherever the checkpoint stands, and the checkpoint is a position in the log alone.
 */
class StatisticsCheckpointIT {

    private static final int PARTITION = 0;
    private static final int EVERY = ProjectionPlanner.CHECKPOINT_EVERY;

    /** Every row of the tenant, counted directly: what {@link SyncCounts} must answer. */
    private static final String DIRECT = """
            SELECT kind, coalesce(private_to, '') AS private_to, coalesce(project_scope, '') AS project_scope,
                   count(*) AS events, max(kafka_offset) AS last_offset
            FROM context_events GROUP BY 1, 2, 3""";
    private static final String ORDERED = " ORDER BY kind, private_to, project_scope";

    private final Infrastructure infrastructure = Infrastructure.shared();
    private final Database database = Database.connect(infrastructure.settings(ServiceRole.PROJECTOR), "checkpoint-it");

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void theCountsAreEveryRowOnEitherSideOfTheCheckpointAndTheCheckpointDoesNotDependOnHowTheLogWasBatched() {
        UUID tenant = UUID.randomUUID();
        UUID rebatched = UUID.randomUUID();
        int events = 2 * EVERY + 100;
        project(tenant, log(tenant, events), 500);
        project(rebatched, log(rebatched, events), 777);

        assertThat(rows(tenant, "SELECT counted_to FROM tenant_streams")).containsExactly(Map.of("counted_to", 2L * EVERY - 1));
        assertThat(rows(tenant, "SELECT sum(events)::bigint AS events FROM sync_stats")).containsExactly(Map.of("events", 2L * EVERY));
        assertThat(rows(tenant, "SELECT * FROM (" + SyncCounts.BY_GROUP + ") counts" + ORDERED))
                .isEqualTo(rows(tenant, DIRECT + ORDERED))
                .hasSize(3); // decisions for everyone, alice's tasks, bob's tasks
        assertThat(rows(tenant, SyncCounts.TOTAL)).containsExactly(Map.of("events", (long) events));
        // the same log in other batches: the same checkpoint, the same counted rows (I5)
        assertThat(rows(rebatched, "SELECT counted_to FROM tenant_streams"))
                .isEqualTo(rows(tenant, "SELECT counted_to FROM tenant_streams"));
        assertThat(rows(rebatched, "SELECT kind, private_to, project_scope, events, last_offset FROM sync_stats" + ORDERED))
                .isEqualTo(rows(tenant, "SELECT kind, private_to, project_scope, events, last_offset FROM sync_stats" + ORDERED));
    }

    @Test
    void anErasureAfterTheCheckpointLeavesCountsOfWhatRemainsAndTheCheckpointWhereItWas() {
        UUID tenant = UUID.randomUUID();
        List<LoggedEvent> before = log(tenant, EVERY + 50);
        long erasedAt = before.size(); // the erasure's own record, then more events after it
        List<LoggedEvent> after = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            after.add(new LoggedEvent(PARTITION, erasedAt + 1 + i, event(tenant, "alice", "after " + i, i)));
        }
        String topic = topic();
        ReadModelWriter writer = new ReadModelWriter(database, topic, null, null);
        batches(before, 1000).forEach(batch -> writer.apply(List.of(batch)));
        writer.apply(List.of(new PartitionBatch(PARTITION, after,
                List.of(new LoggedErasure(PARTITION, erasedAt, tenant, "alice")), List.of(), erasedAt + 11)));

        assertThat(rows(tenant, "SELECT counted_to FROM tenant_streams")).containsExactly(Map.of("counted_to", EVERY - 1L));
        assertThat(rows(tenant, "SELECT count(*) AS n FROM sync_stats WHERE private_to = 'alice'"))
                .containsExactly(Map.of("n", 0L));
        assertThat(rows(tenant, "SELECT * FROM (" + SyncCounts.BY_GROUP + ") counts" + ORDERED))
                .isEqualTo(rows(tenant, DIRECT + ORDERED))
                .contains(Map.of("kind", "task", "private_to", "alice", "project_scope", "", "events", 10L,
                        "last_offset", erasedAt + 10));

        // on past the next checkpoint: it counts what the erasure left
        List<LoggedEvent> more = new ArrayList<>();
        for (long offset = erasedAt + 11; offset <= 2L * EVERY + 10; offset++) {
            more.add(new LoggedEvent(PARTITION, offset, event(tenant, offset % 2 == 0 ? "alice" : "bob", "more", (int) offset)));
        }
        batches(more, 1000).forEach(batch -> writer.apply(List.of(batch)));

        assertThat(rows(tenant, "SELECT counted_to FROM tenant_streams")).containsExactly(Map.of("counted_to", 2L * EVERY));
        assertThat(rows(tenant, "SELECT * FROM (" + SyncCounts.BY_GROUP + ") counts" + ORDERED))
                .isEqualTo(rows(tenant, DIRECT + ORDERED));
        assertThat(rows(tenant, "SELECT kind, private_to, project_scope, events, last_offset FROM sync_stats" + ORDERED))
                .isEqualTo(rows(tenant, DIRECT.replace("GROUP BY", "WHERE kafka_offset <= " + 2L * EVERY + " GROUP BY")
                        + ORDERED));
    }

    @Test
    void aWriterStartedAfreshForEveryBatchSetsTheSameCheckpointsAndCountsAsOneThatRunsThroughout() {
        UUID restarted = UUID.randomUUID();
        UUID throughout = UUID.randomUUID();
        int events = 2 * EVERY + 100;
        List<LoggedEvent> log = log(restarted, events);
        String topic = topic();
        batches(log.subList(0, EVERY + 100), 500).forEach(batch ->
                new ReadModelWriter(database, topic, null, null).apply(List.of(batch))); // a new writer every batch
        batches(log.subList(EVERY + 100, events), 500).forEach(batch ->
                new ReadModelWriter(database, topic, null, null).apply(List.of(batch)));
        project(throughout, log(throughout, events), 500);

        String checkpoint = "SELECT counted_to FROM tenant_streams";
        String counted = "SELECT kind, private_to, project_scope, events, last_offset FROM sync_stats" + ORDERED;
        assertThat(rows(restarted, checkpoint)).isEqualTo(rows(throughout, checkpoint))
                .containsExactly(Map.of("counted_to", 2L * EVERY - 1));
        assertThat(rows(restarted, counted)).isEqualTo(rows(throughout, counted));
        assertThat(rows(restarted, "SELECT * FROM (" + SyncCounts.BY_GROUP + ") counts" + ORDERED))
                .isEqualTo(rows(restarted, DIRECT + ORDERED));
    }

    /** Decisions for everyone and tasks of alice and bob, in turn, at offsets 0 to count - 1. */
    private static List<LoggedEvent> log(UUID tenant, int count) {
        List<LoggedEvent> log = new ArrayList<>();
        for (int offset = 0; offset < count; offset++) {
            ContextEvent event = switch (offset % 3) {
                case 0 -> ProjectorFixture.decision(tenant, "decision " + offset);
                case 1 -> event(tenant, "alice", "task " + offset, offset);
                default -> event(tenant, "bob", "task " + offset, offset);
            };
            log.add(new LoggedEvent(PARTITION, offset, event));
        }
        return log;
    }

    /** A task of the user's own: session-tier, so private to that user. */
    private static ContextEvent event(UUID tenant, String user, String taskId, int n) {
        return ContextEvent.newBuilder(ProjectorFixture.task(tenant, taskId + " " + n, "completed")).setUserId(user).build();
    }

    private void project(UUID tenant, List<LoggedEvent> log, int batchSize) {
        ReadModelWriter writer = new ReadModelWriter(database, topic(), null, null);
        batches(log, batchSize).forEach(batch -> writer.apply(List.of(batch)));
    }

    private static List<PartitionBatch> batches(List<LoggedEvent> log, int size) {
        List<PartitionBatch> batches = new ArrayList<>();
        for (int from = 0; from < log.size(); from += size) {
            List<LoggedEvent> part = log.subList(from, Math.min(log.size(), from + size));
            batches.add(new PartitionBatch(PARTITION, part, List.of(), part.get(part.size() - 1).offset() + 1));
        }
        return batches;
    }

    /** Offsets of the test's own: each log starts at offset 0. */
    private static String topic() {
        return "checkpoint-it-" + UUID.randomUUID();
    }

    private List<Map<String, Object>> rows(UUID tenant, String sql) {
        return database.inTenant(tenant, jdbc -> jdbc.sql(sql).query().listOfRows());
    }
}
