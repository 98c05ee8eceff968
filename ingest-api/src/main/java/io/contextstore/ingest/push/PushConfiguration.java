package io.contextstore.ingest.push;

import io.contextstore.ingest.IngestConfiguration;
import io.contextstore.ingest.IngestProperties;
import io.contextstore.platform.crypto.CryptoRandom;
import io.contextstore.platform.crypto.SubjectKeys;
import io.contextstore.platform.db.Database;
import io.contextstore.platform.web.JsonBodies;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the push feature: its adapters (PostgreSQL index, Kafka log) around the pure decider. */
@Configuration(proxyBeanMethods = false)
class PushConfiguration {

    @Bean(destroyMethod = "close")
    KafkaEventLog kafkaEventLog(KafkaProperties kafka, IngestProperties properties, PushMetrics metrics) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.putAll(properties.producer().kafkaSettings());
        config.put("client.id", "ingest-api");
        return new KafkaEventLog(config, properties.producer().deliveryTimeout().plusSeconds(1), metrics.produceLatency());
    }

    @Bean
    PushService pushService(@Qualifier(IngestConfiguration.DATABASE) Database database, KafkaEventLog log,
                            Clock clock, IngestProperties properties, PushMetrics metrics,
                            ObjectProvider<SubjectKeys> subjectKeys) {
        return new PushService(database, log, clock, properties.retryAfter(), metrics,
                new PushSealing(subjectKeys.getIfAvailable(), CryptoRandom.nonces()));
    }

    @Bean
    JsonBodies pushBodies(IngestProperties properties) {
        return new JsonBodies(properties.maxBodyBytes());
    }

    @Bean
    PushSettings pushSettings(IngestProperties properties) {
        return new PushSettings(properties.maxBatchItems());
    }
}
