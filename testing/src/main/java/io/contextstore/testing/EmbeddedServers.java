package io.contextstore.testing;

import io.contextstore.embedded.KafkaBroker;
import io.contextstore.embedded.PostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.stream.Stream;

/** The embedded KRaft broker (its own JVM) and PostgreSQL, in a temporary directory removed at exit. */
final class EmbeddedServers implements Infrastructure.Servers {

    private final Path directory;
    private final KafkaBroker broker;
    private final PostgresServer postgres;

    EmbeddedServers() {
        try {
            directory = Files.createTempDirectory("contextstore-it-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PostgresServer database = PostgresServer.start(directory.resolve("postgres"), 0);
        this.postgres = database;
        this.broker = KafkaBroker.start(directory.resolve("kafka"), 0);
    }

    @Override
    public String kind() {
        return "embedded";
    }

    @Override
    public String kafkaBootstrapServers() {
        return broker.bootstrapServers();
    }

    @Override
    public String url(String database) {
        return postgres.jdbcUrl(database);
    }

    @Override
    public String superuserUrl(String database) {
        return postgres.jdbcUrl(database);
    }

    @Override
    public String superuser() {
        return PostgresServer.SUPERUSER;
    }

    @Override
    public Connection superuserConnection(String database) throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(database), PostgresServer.SUPERUSER, "");
    }

    @Override
    public void stopBroker() {
        broker.stop();
    }

    @Override
    public void startBroker() {
        broker.start();
    }

    @Override
    public void stopDatabase() {
        postgres.stop();
    }

    @Override
    public void startDatabase() {
        postgres.start();
    }

    @Override
    public void close() {
        broker.close();
        postgres.close();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory; the OS cleans what is left
        }
    }
}
