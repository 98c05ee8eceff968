package io.contextstore.projector;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.events.ContentHash;
import io.contextstore.events.DecisionRecorded;
import io.contextstore.events.EventKind;
import io.contextstore.events.ToolUsageRecorded;
import io.contextstore.platform.db.Database;
import io.contextstore.platform.db.Migrations;
import io.contextstore.platform.db.ServiceRole;
import io.contextstore.projector.rebuild.Rebuild;
import io.contextstore.testing.Infrastructure;
import io.contextstore.testing.TopicReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** Invariant I5: projecting the whole log into empty tables gives the same rows and the same audit chain. */
class RebuildIT {

    private static final String SCRATCH = "rebuild_it";
    private static final List<String> TABLES = Stream.of(Stream.of("context_events"),
            Stream.of(EventKind.values()).map(EventKind::table), Stream.of("sync_stats", "tenant_streams"))
            .flatMap(s -> s).toList();

    private final ProjectorFixture fixture = new ProjectorFixture();
    private final Infrastructure infrastructure = fixture.infrastructure;

    @Test
    void projectingTheWholeLogIntoEmptyTablesGivesIdenticalRowsAndAuditChain() throws Exception {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        long last = 0;
        for (int i = 0; i < 300; i++) {
            UUID tenant = i % 2 == 0 ? first : second;
            last = fixture.publish(i % 7 == 0 ? ProjectorFixture.task(tenant, "t-" + (i % 5), "status-" + i)
                    : i % 11 == 0 ? ProjectorFixture.event(tenant, ContentHash.of(Map.of("tool", i)),
                            new ToolUsageRecorded("s-" + (i % 3), "Bash", i, i % 2))
                    : ProjectorFixture.decision(tenant, "d-" + (i % 250)));
        }
        fixture.publishRaw(first.toString().getBytes(StandardCharsets.UTF_8), new byte[] {1, 2, 3});
        fixture.publish(ProjectorFixture.event(first, ContentHash.of(Map.of("nul", 1)),
                new DecisionRecorded("refused \u0000", "d", null, List.of())));
        try (ConfigurableApplicationContext live = fixture.startInProcess()) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> fullyProjected());
        }

        Migrations.dropSchema(infrastructure.databaseUrl(), Infrastructure.OWNER, Infrastructure.ownerPassword(), SCRATCH);
        Migrations.migrateSchema(infrastructure.databaseUrl(), Infrastructure.OWNER, Infrastructure.ownerPassword(), SCRATCH);
        try (Database projector = Database.connect(infrastructure.settings(ServiceRole.PROJECTOR), "rebuild")) {
            Rebuild.Result result = new Rebuild(infrastructure.kafkaBootstrapServers(), projector, null)
                    .into(SCRATCH, tenant -> true, (done, total) -> { });
            assertThat(result.records()).isGreaterThanOrEqualTo(302);
        }

        for (UUID tenant : List.of(first, second)) {
            assertThat(fixture.count(tenant, "SELECT count(*) FROM context_events")).isGreaterThan(100);
            for (String table : TABLES) {
                assertThat(difference(tenant, "public." + table, SCRATCH + "." + table)).as(table).isZero();
                assertThat(difference(tenant, SCRATCH + "." + table, "public." + table)).as(table).isZero();
            }
        }
        assertThat(differenceOfFailures()).isZero();
        Migrations.dropSchema(infrastructure.databaseUrl(), Infrastructure.OWNER, Infrastructure.ownerPassword(), SCRATCH);
    }

    private boolean fullyProjected() throws Exception {
        try (Connection c = infrastructure.ownerConnection();
             PreparedStatement s = c.prepareStatement("SELECT coalesce(sum(next_offset), 0) FROM projector_offsets");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1) >= endOffsets();
        }
    }

    private long endOffsets() {
        return new TopicReader(infrastructure.kafkaBootstrapServers()).endOffsets("context.events").values().stream()
                .mapToLong(Long::longValue).sum();
    }

    private long difference(UUID tenant, String left, String right) throws Exception {
        return fixture.count(tenant, "SELECT count(*) FROM (SELECT * FROM " + left + " EXCEPT SELECT * FROM " + right + ") d");
    }

    private long differenceOfFailures() throws Exception {
        try (Connection c = infrastructure.ownerConnection();
             PreparedStatement s = c.prepareStatement("""
                     SELECT count(*) FROM (
                       (SELECT * FROM public.projection_failures EXCEPT SELECT * FROM %s.projection_failures)
                       UNION ALL
                       (SELECT * FROM %s.projection_failures EXCEPT SELECT * FROM public.projection_failures)) d"""
                     .formatted(SCRATCH, SCRATCH));
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
