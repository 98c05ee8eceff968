package io.contextstore.projector;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.platform.stats.SyncCounts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** Several projector instances form one consumer group: each event is projected once, and a survivor takes over. */
class ConsumerGroupIT {

    private final ProjectorFixture fixture = new ProjectorFixture();

    @Test
    void twoInstancesShareThePartitionsAndTheSurvivorTakesOverWhenOneStops() throws Exception {
        List<UUID> tenants = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            tenants.add(UUID.randomUUID());
        }
        ConfigurableApplicationContext first = fixture.startInProcess();
        try (ConfigurableApplicationContext second = fixture.startInProcess()) {
            publish(tenants, "before", 50);
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> allProjected(tenants, 50));

            first.close();
            publish(tenants, "after", 25);

            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> allProjected(tenants, 75));
            for (UUID tenant : tenants) {
                assertThat(fixture.count(tenant, "SELECT count(*) FROM context_events")).isEqualTo(75);
                assertThat(fixture.count(tenant, SyncCounts.TOTAL)).isEqualTo(75);
            }
        } finally {
            first.close();
        }
    }

    private void publish(List<UUID> tenants, String prefix, int perTenant) {
        for (int i = 0; i < perTenant; i++) {
            for (UUID tenant : tenants) {
                fixture.publishAsync(ProjectorFixture.decision(tenant, prefix + "-" + i));
            }
        }
        fixture.flush();
    }

    private boolean allProjected(List<UUID> tenants, long each) throws Exception {
        for (UUID tenant : tenants) {
            if (fixture.count(tenant, "SELECT count(*) FROM context_events") != each) {
                return false;
            }
        }
        return true;
    }
}
