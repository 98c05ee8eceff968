package io.contextstore.platform.observability;

import io.contextstore.platform.PlatformAutoConfiguration;
import io.contextstore.platform.db.Database;
import io.contextstore.platform.kafka.TopicsProperties;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * What operators of every service get: request ids and tenant ids in the logs, and health
 * contributors named {@code database} (each connection pool of this process) and {@code kafka},
 * which the readiness group includes (see {@link ServiceDefaults}) and liveness does not: an
 * unreachable dependency makes a service unready, never restarted.
 */
@AutoConfiguration(after = PlatformAutoConfiguration.class)
public class ObservabilityAutoConfiguration {

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    FilterRegistrationBean<RequestContextFilter> contextStoreRequestContextFilter() {
        FilterRegistrationBean<RequestContextFilter> registration = new FilterRegistrationBean<>(new RequestContextFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE); // before anything that may log
        return registration;
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    static class Health {

        @Bean
        @ConditionalOnBean(Database.class)
        CompositeHealthContributor databaseHealthContributor(Map<String, Database> databases) {
            return CompositeHealthContributor.fromMap(databases, DatabaseHealthIndicator::new);
        }

        @Bean(destroyMethod = "close")
        KafkaHealthIndicator kafkaHealthIndicator(KafkaProperties kafka, TopicsProperties topics) {
            Map<String, Object> config = new HashMap<>(kafka.buildAdminProperties());
            config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, KafkaHealthIndicator.TIMEOUT_MS);
            config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, KafkaHealthIndicator.TIMEOUT_MS);
            config.put(AdminClientConfig.CLIENT_ID_CONFIG, "health");
            return new KafkaHealthIndicator(Admin.create(config), topics.minInsyncReplicas());
        }
    }
}
