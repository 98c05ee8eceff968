package io.contextstore.projector.rebuild;

import io.contextstore.projector.ProjectorProperties;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The consumer of a bounded projection (a rebuild, an audit's catch-up): no group, nothing committed to Kafka, and the
 * live projector's poll and fetch sizes, since each poll is a transaction there too and its per-tenant costs are
 * shared by the tenant's events of the poll (ADR 53).
 */
final class BoundedConsumer {

    private BoundedConsumer() {
    }

    static KafkaConsumer<byte[], byte[]> open(String bootstrapServers, String clientId) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, ProjectorProperties.MAX_POLL_RECORDS,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, ProjectorProperties.MAX_PARTITION_FETCH_BYTES,
                ConsumerConfig.CLIENT_ID_CONFIG, clientId), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
