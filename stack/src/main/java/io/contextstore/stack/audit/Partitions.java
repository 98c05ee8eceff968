package io.contextstore.stack.audit;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.kafka.common.utils.Utils;

/** Which partition of {@code context.events} holds a tenant: the one Kafka's default partitioner gives its key. */
final class Partitions {

    private Partitions() {
    }

    static int of(UUID tenant, int partitionCount) {
        return Utils.toPositive(Utils.murmur2(tenant.toString().getBytes(StandardCharsets.UTF_8))) % partitionCount;
    }
}
