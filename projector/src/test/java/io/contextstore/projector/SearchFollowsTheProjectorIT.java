package io.contextstore.projector;

import io.contextstore.events.topic.Topics;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import io.contextstore.testing.Infrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
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
     * a sweep that finds a round of them looks again at once, which would find this test's tenant too. Its read model
     * starts at the log's end: the records other tests left in the topic (poison, sealed events without their key)
     * are theirs to project.
     */
    private static final ProjectorFixture fixture =
            new ProjectorFixture(Infrastructure.shared().withOwnDatabase("search_follows"));

    @Test
    void anEventProjectedAfterTheFirstSweepIsIndexedWithoutWaitingForTheNext() throws Exception {
        List<String> arguments = new ArrayList<>(fixture.arguments());
        arguments.add("--contextstore.projector.search-sweep=1h");
        UUID before = UUID.randomUUID();
        UUID after = UUID.randomUUID();
        startAtTheLogsEnd();
        fixture.publish(ProjectorFixture.decision(before, "published before start"));
        try (ConfigurableApplicationContext projector = fixture.startInProcess(arguments)) {
            // the indexer's first turn sweeps before it indexes anything: once this is searchable, the sweep is behind us
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> documents(before) == 1);

            fixture.publish(ProjectorFixture.decision(after, "published after the first sweep"));

            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> documents(after) == 1);
        }
    }

    /** Stores the topic's end offsets as where the read model has projected to, as if it had projected all before. */
    private static void startAtTheLogsEnd() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", fixture.infrastructure.kafkaBootstrapServers()));
             Connection c = fixture.infrastructure.superuserConnection();
             PreparedStatement insert = c.prepareStatement(
                     "INSERT INTO projector_offsets (topic, kafka_partition, next_offset) VALUES (?, ?, ?)")) {
            Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
            for (int partition = 0; partition < ProjectorFixture.PARTITIONS; partition++) {
                partitions.put(new TopicPartition(Topics.CONTEXT_EVENTS.name(), partition), OffsetSpec.latest());
            }
            for (var end : admin.listOffsets(partitions).all().get().entrySet()) {
                insert.setString(1, Topics.CONTEXT_EVENTS.name());
                insert.setInt(2, end.getKey().partition());
                insert.setLong(3, end.getValue().offset());
                insert.executeUpdate();
            }
        }
    }

    /** The owner reads search_documents past its tenant policy: hence the tenant in the statement. */
    private static long documents(UUID tenant) throws SQLException {
        return fixture.count(tenant, "SELECT count(*) FROM search_documents WHERE tenant_id = '" + tenant + "'");
    }
}
