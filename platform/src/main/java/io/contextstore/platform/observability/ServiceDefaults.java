package io.contextstore.platform.observability;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults every service shares, at the lowest precedence, so any environment variable or property
 * overrides them: Actuator exposes health, info and prometheus only; liveness and readiness probes,
 * readiness including the database and Kafka contributors, liveness not (a restart does not bring a
 * database back); latency histograms for HTTP requests, so quantiles can be computed across instances;
 * no banner; Tomcat reads and discards up to 16 MB of a body the application refused unread, so a
 * client still sending an oversized push receives its 413 instead of a reset connection.
 */
public final class ServiceDefaults implements EnvironmentPostProcessor {

    static final String SOURCE = "contextstore-service-defaults";

    static final Map<String, Object> DEFAULTS = Map.of(
            "management.endpoints.web.exposure.include", "health,info,prometheus",
            "management.endpoint.health.probes.enabled", "true",
            "management.endpoint.health.group.readiness.include", "readinessState,database,kafka",
            "management.endpoint.health.group.liveness.include", "livenessState",
            // a context without a database pool (a tool, a test) must still start
            "management.endpoint.health.validate-group-membership", "false",
            "management.endpoint.health.show-components", "always",
            "management.metrics.distribution.percentiles-histogram.http.server.requests", "true",
            // a 413 decided from Content-Length leaves the body unread; beyond this Tomcat closes the
            // connection and the client, still writing, sees a reset rather than the problem
            "server.tomcat.max-swallow-size", "16MB",
            // a banner is not a log line: it would be the one line of a JSON log that is not JSON
            "spring.main.banner-mode", "off");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getPropertySources().contains(SOURCE)) {
            environment.getPropertySources().addLast(new MapPropertySource(SOURCE, DEFAULTS));
        }
    }
}
