package io.contextstore.projector.consume;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.projector.ProjectorMeters;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class ProjectorMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ProjectorMetrics metrics = new ProjectorMetrics(registry, Clock.systemUTC());

    @Test
    void aBatchCountsEachTenantOnceHoweverManyOfItsRecordsItHolds() {
        metrics.applied(List.of(record("tenant-a", 0), record("tenant-b", 1), record("tenant-a", 2), record(null, 3)), 1_000);
        metrics.applied(List.of(record("tenant-c", 4)), 1_000);

        DistributionSummary tenants = registry.get(ProjectorMeters.BATCH_TENANTS).summary();
        assertThat(tenants.count()).isEqualTo(2);
        assertThat(tenants.max()).isEqualTo(3); // a and b, and the record without a key as one more
        assertThat(tenants.totalAmount()).isEqualTo(4);
    }

    private static ConsumerRecord<byte[], byte[]> record(String key, long offset) {
        return new ConsumerRecord<>("context.events", 0, offset, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                new byte[0]);
    }
}
