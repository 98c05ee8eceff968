package io.contextstore.projector;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.events.ContextEvent;
import io.contextstore.platform.stats.SyncCounts;
import io.contextstore.projector.projection.AuditChain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Invariant I2 under a crash: the projector's process is killed (SIGKILL) in the middle of
 * projecting; after a restart every event is in the read model exactly once and the audit chain
 * is unbroken.
 */
class ProjectorCrashIT {

    private static final int EVENTS = 6000;

    private final ProjectorFixture fixture = new ProjectorFixture();

    @Test
    void killedMidBatchAndRestartedItAppliesEveryEventExactlyOnce() throws Exception {
        UUID tenant = UUID.randomUUID();
        Set<String> contents = new HashSet<>();
        Set<String> tasks = new HashSet<>();
        for (int i = 0; i < EVENTS; i++) {
            // every tenth record repeats an earlier content, as a retried push after a lost acknowledgement would
            ContextEvent event = i % 10 == 9 ? ProjectorFixture.decision(tenant, "d-" + (i - 5))
                    : i % 3 == 0 ? ProjectorFixture.task(tenant, "t-" + (i % 50), "s" + i)
                    : ProjectorFixture.decision(tenant, "d-" + i);
            fixture.publishAsync(event);
            contents.add(event.getContentHash());
            if (event.getPayload() instanceof io.contextstore.events.TaskTracked task) {
                tasks.add(task.getTaskId());
            }
        }
        fixture.flush();
        Path log = Files.createTempFile("projector-", ".log");

        Process projector = fixture.startProcess(log);
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(20))
                .until(() -> rows(tenant) >= 500);
        projector.destroyForcibly().waitFor();

        long afterKill = rows(tenant);
        assertThat(afterKill).as("killed before it finished").isLessThan(contents.size());
        assertThat(stored(tenant, "events")).isEqualTo(afterKill);

        try (ConfigurableApplicationContext restarted = fixture.startInProcess()) {
            Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> rows(tenant) == contents.size());
            assertThat(fixture.count(tenant, "SELECT count(DISTINCT content_hash) FROM context_events"))
                    .isEqualTo(contents.size());
            assertThat(fixture.count(tenant, SyncCounts.TOTAL)).isEqualTo(contents.size());
            assertThat(stored(tenant, "events")).isEqualTo(contents.size());
            assertThat(fixture.count(tenant, "SELECT count(*) FROM tasks")).isEqualTo(tasks.size());
            assertChainUnbroken(tenant);
            // search, indexed behind the projection and killed with it: each decision once, each task by its current state
            long decisions = contents.size() - fixture.count(tenant, "SELECT count(*) FROM context_events WHERE kind = 'task'");
            String documents = "SELECT count(*) FROM search_documents WHERE tenant_id = '" + tenant + "'";
            Awaitility.await().atMost(Duration.ofSeconds(90))
                    .until(() -> fixture.count(tenant, documents) == decisions + tasks.size());
            assertThat(fixture.count(tenant, "SELECT count(*) FROM search_documents d JOIN tasks t"
                    + " ON t.tenant_id = d.tenant_id AND t.last_offset = d.kafka_offset"
                    + " WHERE d.tenant_id = '" + tenant + "' AND d.kind = 'task'")).isEqualTo(tasks.size());
            assertThat(fixture.count(tenant, "SELECT count(*) FROM search_documents d LEFT JOIN context_events e"
                    + " USING (tenant_id, kafka_offset) WHERE d.tenant_id = '" + tenant + "' AND e.event_id IS NULL"))
                    .as("documents of events that are not kept").isZero();
        }
    }

    private long rows(UUID tenant) throws Exception {
        return fixture.count(tenant, "SELECT count(*) FROM context_events");
    }

    private long stored(UUID tenant, String column) throws Exception {
        return fixture.count(tenant, "SELECT coalesce(max(" + column + "), 0) FROM tenant_streams");
    }

    /** Recomputes the chain from the rows, in offset order, and compares every link and the head. */
    private void assertChainUnbroken(UUID tenant) throws Exception {
        try (Connection c = fixture.infrastructure.ownerConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement scope = c.prepareStatement("SELECT set_config('app.tenant_id', ?, true)")) {
                scope.setString(1, tenant.toString());
                scope.execute();
            }
            String head = AuditChain.GENESIS;
            try (PreparedStatement rows = c.prepareStatement(
                    "SELECT content_hash, kafka_offset, chain FROM context_events ORDER BY kafka_offset");
                 ResultSet rs = rows.executeQuery()) {
                while (rs.next()) {
                    head = AuditChain.next(head, rs.getString(1), rs.getLong(2));
                    assertThat(rs.getString(3)).as("chain at offset " + rs.getLong(2)).isEqualTo(head);
                }
            }
            try (PreparedStatement stream = c.prepareStatement("SELECT chain_head FROM tenant_streams");
                 ResultSet rs = stream.executeQuery()) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo(head);
            }
            c.rollback();
        }
    }
}
