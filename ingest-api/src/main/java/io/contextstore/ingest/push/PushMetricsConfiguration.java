package io.contextstore.ingest.push;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PushMetricsConfiguration {

    @Bean
    PushMetrics pushMetrics(MeterRegistry registry) {
        return new PushMetrics(registry);
    }

    @Bean
    FilterRegistrationBean<PushOutcomeFilter> pushOutcomeFilter(PushMetrics metrics) {
        FilterRegistrationBean<PushOutcomeFilter> registration = new FilterRegistrationBean<>(new PushOutcomeFilter(metrics));
        registration.addUrlPatterns("/api/v1/context/*");
        return registration;
    }
}
