package io.contextstore.query.status;

import io.contextstore.events.topic.Topics;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/** The log end of a partition, to tell how far the projector is behind; null when Kafka cannot say promptly. */
@Component
class PartitionEnds implements AutoCloseable {

    private final Admin admin;

    PartitionEnds(KafkaProperties kafka) {
        Map<String, Object> config = new HashMap<>(kafka.buildAdminProperties());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "query-api-lag");
        this.admin = Admin.create(config);
    }

    Long lag(int partition, long nextOffset) {
        TopicPartition topicPartition = new TopicPartition(Topics.CONTEXT_EVENTS.name(), partition);
        try {
            ListOffsetsResult.ListOffsetsResultInfo end = admin.listOffsets(Map.of(topicPartition, OffsetSpec.latest()))
                    .partitionResult(topicPartition).get(2, TimeUnit.SECONDS);
            return Math.max(0, end.offset() - nextOffset);
        } catch (Exception unavailable) {
            return null;
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
