package io.contextstore.projector.lag;

import io.contextstore.events.topic.Topics;
import io.contextstore.platform.db.Database;
import io.contextstore.projector.ProjectorConfiguration;
import io.contextstore.projector.store.ReadModelWriter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "contextstore.projector", name = "enabled", havingValue = "true", matchIfMissing = true)
class LagConfiguration {

    /** Often enough for an alert within a minute, rarely enough to cost nothing. */
    private static final Duration INTERVAL = Duration.ofSeconds(10);

    @Bean(destroyMethod = "close")
    ProjectionLag projectionLag(KafkaProperties kafka, @Qualifier(ProjectorConfiguration.DATABASE) Database database,
                                MeterRegistry registry) {
        Map<String, Object> config = new HashMap<>(kafka.buildAdminProperties());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "projector-lag");
        ProjectionLag lag = new ProjectionLag(Admin.create(config),
                new ReadModelWriter(database, Topics.CONTEXT_EVENTS.name(), null, null), Topics.CONTEXT_EVENTS.name(), registry);
        lag.start(INTERVAL);
        return lag;
    }
}
