package io.contextstore.projector.consume;

import io.contextstore.events.topic.Topics;
import io.contextstore.platform.crypto.SubjectKeys;
import io.contextstore.platform.db.Database;
import io.contextstore.projector.ProjectorConfiguration;
import io.contextstore.projector.ProjectedTenants;
import io.contextstore.projector.ProjectorPace;
import io.contextstore.projector.ProjectorProperties;
import io.contextstore.projector.store.ReadModelWriter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/** The Kafka side of the projector: a batch consumer container in the projector's group. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "contextstore.projector", name = "enabled", havingValue = "true", matchIfMissing = true)
class ConsumerConfiguration {

    private static final Duration GROUP_COMMIT_EVERY = Duration.ofSeconds(5);

    @Bean(destroyMethod = "close")
    DeadLetters deadLetters(KafkaProperties kafka) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put("acks", "all");
        config.put("enable.idempotence", true);
        config.put("client.id", "projector-dlq");
        return new DeadLetters(config);
    }

    @Bean
    ProjectorListener projectorListener(@Qualifier(ProjectorConfiguration.DATABASE) Database database,
                                        DeadLetters deadLetters, MeterRegistry registry, ObjectProvider<SubjectKeys> keys,
                                        ProjectorPace pace, ProjectedTenants projected, Clock clock) {
        return new ProjectorListener(new ReadModelWriter(database, Topics.CONTEXT_EVENTS.name(), null,
                keys.getIfAvailable(), projected::moved), deadLetters, new ProjectorMetrics(registry, clock), pace);
    }

    @Bean
    ConcurrentMessageListenerContainer<byte[], byte[]> projectorContainer(KafkaProperties kafka,
                                                                         ProjectorProperties properties,
                                                                         ProjectorListener listener) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.putAll(LogReading.settings(properties.maxPollRecords()));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, properties.groupId());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "projector");
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) properties.sessionTimeout().toMillis());
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) Math.max(500, properties.sessionTimeout().toMillis() / 4));
        var factory = new DefaultKafkaConsumerFactory<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());

        ContainerProperties container = new ContainerProperties(Topics.CONTEXT_EVENTS.name());
        container.setMessageListener(listener);
        // Kafka's committed offsets only feed lag graphs; the read model's own offsets decide where to resume. So they
        // are committed every few seconds, not after every poll: a synchronous commit per poll was a round trip to the
        // broker between each poll and the next, and a write to its offsets topic, under a steady trickle of pushes.
        container.setAckMode(ContainerProperties.AckMode.TIME);
        container.setAckTime(GROUP_COMMIT_EVERY.toMillis());
        var result = new ConcurrentMessageListenerContainer<>(factory, container);
        result.setConcurrency(properties.concurrency());
        ExponentialBackOff backOff = new ExponentialBackOff(100, 2.0);
        backOff.setMaxInterval(properties.maxRetryWait().toMillis());
        result.setCommonErrorHandler(new DefaultErrorHandler(backOff));
        return result;
    }
}
