package io.contextstore.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Kafka and PostgreSQL in containers, for machines with a Docker engine. "Stopping" the broker
 * pauses its container: it becomes unreachable while its address and data stay the same.
 */
final class ContainerServers implements Infrastructure.Servers {

    private final KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.2");
    private final PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:17");

    ContainerServers() {
        kafka.start();
        postgres.start();
    }

    @Override
    public String kind() {
        return "containers";
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public String url(String database) {
        return "jdbc:postgresql://" + postgres.getHost() + ":" + postgres.getMappedPort(5432) + "/" + database;
    }

    @Override
    public String superuserUrl(String database) {
        return url(database) + "?password=" + postgres.getPassword();
    }

    @Override
    public String superuser() {
        return postgres.getUsername();
    }

    @Override
    public Connection superuserConnection(String database) throws SQLException {
        return DriverManager.getConnection(url(database), postgres.getUsername(), postgres.getPassword());
    }

    @Override
    public void stopBroker() {
        kafka.getDockerClient().pauseContainerCmd(kafka.getContainerId()).exec();
    }

    @Override
    public void startBroker() {
        kafka.getDockerClient().unpauseContainerCmd(kafka.getContainerId()).exec();
    }

    @Override
    public void stopDatabase() {
        postgres.getDockerClient().pauseContainerCmd(postgres.getContainerId()).exec();
    }

    @Override
    public void startDatabase() {
        postgres.getDockerClient().unpauseContainerCmd(postgres.getContainerId()).exec();
    }

    @Override
    public void close() {
        kafka.stop();
        postgres.stop();
    }
}
