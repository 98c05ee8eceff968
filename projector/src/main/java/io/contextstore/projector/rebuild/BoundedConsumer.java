package io.contextstore.projector.rebuild;

import io.contextstore.projector.ProjectorProperties;
import io.contextstore.projector.consume.LogReading;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The consumer of a bounded projection (a rebuild, an audit's catch-up): no group, and the live projector's reading of
 * the log with its default poll, since each poll is a transaction there too (ADR 53).
 */
final class BoundedConsumer {

    private BoundedConsumer() {
    }

    static KafkaConsumer<byte[], byte[]> open(String bootstrapServers, String clientId) {
        Map<String, Object> config = new HashMap<>(LogReading.settings(ProjectorProperties.MAX_POLL_RECORDS));
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
