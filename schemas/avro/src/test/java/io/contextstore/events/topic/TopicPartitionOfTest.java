package io.contextstore.events.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

class TopicPartitionOfTest {

    @Test
    void aTenantsPartitionIsTheOneTheProducersDefaultPartitionerChoosesForItsKey() {
        Random random = new Random(16);
        for (int partitions : new int[] {1, 3, 12, 64}) {
            for (int i = 0; i < 2_000; i++) {
                String tenant = new UUID(random.nextLong(), random.nextLong()).toString();
                assertThat(Topics.CONTEXT_EVENTS.partitionOf(tenant, partitions))
                        .isEqualTo(BuiltInPartitioner.partitionForKey(tenant.getBytes(StandardCharsets.UTF_8), partitions));
            }
        }
    }
}
