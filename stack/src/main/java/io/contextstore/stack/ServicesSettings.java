package io.contextstore.stack;

import io.contextstore.platform.db.ServiceRole;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the services find Kafka and PostgreSQL, and how they are exposed.
 *
 * @param passwords the login password of each service role
 * @param extra     further Spring properties (tests tune timeouts with them)
 */
public record ServicesSettings(String kafkaBootstrapServers, String databaseUrl, Map<ServiceRole, String> passwords,
                               Path keyDirectory, int httpPort, int partitions,
                               Map<String, Object> extra) {
}
