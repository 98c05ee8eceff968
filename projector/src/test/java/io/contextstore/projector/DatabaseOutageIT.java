package io.contextstore.projector;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.platform.stats.SyncCounts;
import java.time.Duration;
import java.util.UUID;
import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/** An unreachable database stalls projection, with retries and backoff; it never skips a record. */
class DatabaseOutageIT {

    private final ProjectorFixture fixture = new ProjectorFixture();

    @Test
    void eventsLoggedWhileTheDatabaseIsDownAreAllProjectedWhenItIsBack() throws Exception {
        UUID tenant = UUID.randomUUID();
        try (ConfigurableApplicationContext projector = fixture.startInProcess()) {
            fixture.publish(ProjectorFixture.decision(tenant, "before"));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                    fixture.count(tenant, "SELECT count(*) FROM context_events") == 1);

            // Every consumer of the group holds its partitions before the outage: a rebalance during it would
            // park the projector in its assignment retry, where no batch is tried and none can fail.
            ConcurrentMessageListenerContainer<?, ?> container = projector.getBean(ConcurrentMessageListenerContainer.class);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> container.getContainers().stream()
                    .allMatch(consumer -> consumer.getAssignedPartitions() != null && !consumer.getAssignedPartitions().isEmpty()));
            fixture.infrastructure.stopDatabase();
            try {
                for (int i = 0; i < 200; i++) {
                    fixture.publishAsync(ProjectorFixture.decision(tenant, "during-" + i));
                }
                fixture.flush();
                MeterRegistry metrics = projector.getBean(MeterRegistry.class);
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                        metrics.counter(ProjectorMeters.BATCH_FAILURES).count() >= 2);
            } finally {
                fixture.infrastructure.startDatabase();
            }

            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                    fixture.count(tenant, "SELECT count(*) FROM context_events") == 201);
            assertThat(fixture.count(tenant, SyncCounts.TOTAL)).isEqualTo(201);
            assertThat(fixture.count(tenant, "SELECT count(DISTINCT content_hash) FROM context_events")).isEqualTo(201);
        }
    }
}
