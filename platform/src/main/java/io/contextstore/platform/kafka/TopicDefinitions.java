package io.contextstore.platform.kafka;

import io.contextstore.events.topic.Topics;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/** The topics as Kafka should hold them: the log is the system of record, so nothing expires. */
public final class TopicDefinitions {

    private TopicDefinitions() {
    }

    public static NewTopic contextEvents(TopicsProperties properties) {
        return define(Topics.CONTEXT_EVENTS.name(), properties);
    }

    public static NewTopic deadLetters(TopicsProperties properties) {
        return define(Topics.CONTEXT_EVENTS_DLQ.name(), properties);
    }

    private static NewTopic define(String name, TopicsProperties properties) {
        return new NewTopic(name, properties.partitions(), properties.replicationFactor()).configs(Map.of(
                TopicConfig.RETENTION_MS_CONFIG, "-1",
                TopicConfig.RETENTION_BYTES_CONFIG, "-1",
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(properties.minInsyncReplicas()),
                TopicConfig.UNCLEAN_LEADER_ELECTION_ENABLE_CONFIG, "false",
                TopicConfig.COMPRESSION_TYPE_CONFIG, properties.compression()));
    }
}
