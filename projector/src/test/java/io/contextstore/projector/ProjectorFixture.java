package io.contextstore.projector;

import io.contextstore.events.CloudEventHeaders;
import io.contextstore.events.ContentHash;
import io.contextstore.events.ContextEvent;
import io.contextstore.events.DecisionRecorded;
import io.contextstore.events.TaskTracked;
import io.contextstore.events.topic.Topics;
import io.contextstore.platform.db.ServiceRole;
import io.contextstore.platform.kafka.TopicDefinitions;
import io.contextstore.platform.kafka.TopicsProperties;
import io.contextstore.testing.Infrastructure;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The projector alone against the shared broker and database, fed by a raw producer, as the log's writer. */
final class ProjectorFixture {

    static final int PARTITIONS = 4;

    final Infrastructure infrastructure;
    private final KafkaProducer<byte[], byte[]> producer;

    ProjectorFixture() {
        this(Infrastructure.shared());
    }

    /** @param infrastructure the shared broker, and a database (the shared one, or one of the test's own) */
    ProjectorFixture(Infrastructure infrastructure) {
        this.infrastructure = infrastructure;
        createTopics();
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", infrastructure.kafkaBootstrapServers(),
                "acks", "all", "enable.idempotence", true, "linger.ms", 5),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Projector properties: its database role, the broker, no web port clash. */
    List<String> arguments() {
        return List.of(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + infrastructure.kafkaBootstrapServers(),
                "--contextstore.topics.partitions=" + PARTITIONS,
                "--contextstore.projector.database.url=" + infrastructure.databaseUrl(),
                "--contextstore.projector.database.username=" + ServiceRole.PROJECTOR.roleName(),
                "--contextstore.projector.database.password=" + Infrastructure.password(ServiceRole.PROJECTOR),
                "--contextstore.projector.max-poll-records=200",
                "--spring.main.banner-mode=off");
    }

    ConfigurableApplicationContext startInProcess() {
        return startInProcess(arguments());
    }

    ConfigurableApplicationContext startInProcess(List<String> arguments) {
        return new SpringApplicationBuilder(ProjectorApplication.class).run(arguments.toArray(String[]::new));
    }

    /** The projector as its own JVM, so a test can kill it with SIGKILL. */
    Process startProcess(Path log) throws java.io.IOException {
        return startProcess(log, arguments());
    }

    Process startProcess(Path log, List<String> arguments) throws java.io.IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), ProjectorApplication.class.getName()));
        command.addAll(arguments);
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    long publish(ContextEvent event) {
        return send(record(event, null));
    }

    /** Sends without waiting for the acknowledgement; {@link #flush()} waits for all. */
    void publishAsync(ContextEvent event) {
        producer.send(record(event, null));
    }

    /** Publishes with the given timestamp in the log, as a producer whose clock says {@code loggedAt} would. */
    long publishAt(ContextEvent event, java.time.Instant loggedAt) {
        return send(record(event, loggedAt.toEpochMilli()));
    }

    long publishRaw(byte[] key, byte[] value) {
        return send(new ProducerRecord<>(Topics.CONTEXT_EVENTS.name(), null, null, key, value, List.of()));
    }

    /** As ingest logs an event: keyed by its tenant, with its CloudEvents headers; a null timestamp is the producer's. */
    private static ProducerRecord<byte[], byte[]> record(ContextEvent event, Long timestamp) {
        return new ProducerRecord<>(Topics.CONTEXT_EVENTS.name(), null, timestamp, event.getTenantId().toString().getBytes(),
                Topics.CONTEXT_EVENTS.value().encode(event), CloudEventHeaders.of(event));
    }

    private long send(ProducerRecord<byte[], byte[]> record) {
        try {
            return producer.send(record).get().offset();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    void flush() {
        producer.flush();
    }

    static ContextEvent decision(UUID tenant, String title) {
        String hash = ContentHash.of(Map.of("kind", "decision", "title", title, "decision", "d"));
        return event(tenant, hash, new DecisionRecorded(title, "d", null, List.of("t")));
    }

    static ContextEvent task(UUID tenant, String taskId, String status) {
        String hash = ContentHash.of(Map.of("kind", "task", "task_id", taskId, "status", status));
        return event(tenant, hash, new TaskTracked(taskId, "a task", status, null, null, 1, 0, 0));
    }

    static ContextEvent event(UUID tenant, String contentHash, Object payload) {
        Instant at = Instant.parse("2026-11-25T10:00:00Z");
        return ContextEvent.newBuilder().setEventId(ContentHash.eventId(tenant, contentHash)).setTenantId(tenant)
                .setUserId("alice").setDeviceId("laptop").setProjectId(null).setContentHash(contentHash)
                .setClientSeq(null).setOccurredAt(at).setReceivedAt(at).setPayload(payload).build();
    }

    long count(UUID tenant, String sql) throws SQLException {
        try (Connection c = infrastructure.ownerConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement scope = c.prepareStatement("SELECT set_config('app.tenant_id', ?, true)")) {
                scope.setString(1, tenant.toString());
                scope.execute();
            }
            try (PreparedStatement query = c.prepareStatement(sql); ResultSet rs = query.executeQuery()) {
                rs.next();
                long n = rs.getLong(1);
                c.rollback();
                return n;
            }
        }
    }

    private void createTopics() {
        TopicsProperties topics = new TopicsProperties(PARTITIONS, (short) 1, 1, "lz4");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", infrastructure.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(TopicDefinitions.contextEvents(topics), TopicDefinitions.deadLetters(topics)))
                    .all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException(e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
