package io.contextstore.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.embedded.FreePorts;
import io.contextstore.platform.db.ServiceRole;
import io.contextstore.query.QueryApiApplication;
import io.contextstore.testing.Infrastructure;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Readiness follows the dependencies: a service whose PostgreSQL and Kafka cannot be reached is
 * live (nothing a restart would fix) but not ready, each dependency reported by name; pointed at a
 * reachable database and broker the same service is ready.
 */
class ReadinessIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void withNeitherDatabaseNorKafkaReachableTheServiceIsLiveButNotReady() {
        String nowhere = "127.0.0.1:" + FreePorts.next();
        try (ConfigurableApplicationContext query = start("jdbc:postgresql://" + nowhere + "/contextstore", nowhere)) {
            HttpResponse<String> readiness = ServiceProcess.get(management(query) + "/actuator/health/readiness");
            JsonNode components = JSON.readTree(readiness.body()).get("components");

            assertThat(readiness.statusCode()).isEqualTo(503);
            assertThat(components.get("database").get("status").stringValue()).isEqualTo("DOWN");
            assertThat(components.get("kafka").get("status").stringValue()).isEqualTo("DOWN");
            assertThat(ServiceProcess.get(management(query) + "/actuator/health/liveness").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void withTheDatabaseAndKafkaReachableTheSameServiceIsReady() {
        Infrastructure infrastructure = Infrastructure.shared();
        try (ConfigurableApplicationContext query = start(infrastructure.databaseUrl(), infrastructure.kafkaBootstrapServers())) {
            HttpResponse<String> readiness = ServiceProcess.get(management(query) + "/actuator/health/readiness");

            assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
        }
    }

    private static ConfigurableApplicationContext start(String databaseUrl, String bootstrapServers) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--management.server.port=0",
                "--spring.kafka.bootstrap-servers=" + bootstrapServers,
                "--spring.kafka.admin.operation-timeout=2s",
                "--contextstore.query.database.url=" + databaseUrl,
                "--contextstore.query.database.username=" + ServiceRole.QUERY.roleName(),
                "--contextstore.query.database.password=" + Infrastructure.password(ServiceRole.QUERY),
                "--contextstore.query.database.connection-timeout=1s",
                "--contextstore.auth.jwks-uri=http://127.0.0.1:" + FreePorts.next() + "/.well-known/jwks.json"));
        return new SpringApplicationBuilder(QueryApiApplication.class).run(arguments.toArray(String[]::new));
    }

    private static String management(ConfigurableApplicationContext context) {
        return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.management.port");
    }
}
