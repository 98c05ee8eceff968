package io.contextstore.platform.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the topics are created when missing. The partition count is fixed at creation: a tenant
 * must never change partition, or its offsets would stop forming one increasing sequence.
 */
@ConfigurationProperties("contextstore.topics")
public record TopicsProperties(
        @DefaultValue("12") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue("1") int minInsyncReplicas,
        @DefaultValue("lz4") String compression) {
}
