package io.contextstore.projector.consume;

import io.contextstore.events.topic.Topics;
import io.contextstore.platform.db.DatabaseFailures;
import io.contextstore.projector.projection.LoggedEvent;
import io.contextstore.projector.store.ProjectionFailure;
import io.contextstore.projector.store.ReadModelWriter;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.ConsumerSeekAware;

/**
 * Projects each polled batch, partition by partition, one transaction each. On assignment it seeks
 * to the offsets stored with the rows, not to Kafka's committed offsets. Poison records go to the
 * dead letter topic and the failure table and the partition moves on; an unreachable database is
 * thrown to the container, which retries the same batch with backoff and never skips it.
 */
final class ProjectorListener implements BatchMessageListener<byte[], byte[]>, ConsumerSeekAware {

    private static final Logger log = LoggerFactory.getLogger(ProjectorListener.class);

    private final ReadModelWriter writer;
    private final DeadLetters deadLetters;

    ProjectorListener(ReadModelWriter writer, DeadLetters deadLetters) {
        this.writer = writer;
        this.deadLetters = deadLetters;
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        List<Integer> partitions = assignments.keySet().stream().map(TopicPartition::partition).toList();
        writer.nextOffsets(partitions).forEach((partition, offset) -> {
            log.info("Partition {} assigned: resuming at offset {} (from the read model)", partition, offset);
            callback.seek(Topics.CONTEXT_EVENTS.name(), partition, offset);
        });
    }

    @Override
    public void onMessage(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<Integer, List<ConsumerRecord<byte[], byte[]>>> byPartition = new LinkedHashMap<>();
        records.forEach(r -> byPartition.computeIfAbsent(r.partition(), p -> new ArrayList<>()).add(r));
        byPartition.forEach(this::project);
    }

    private void project(int partition, List<ConsumerRecord<byte[], byte[]>> records) {
        DecodedBatch batch = DecodedBatch.of(records);
        List<ProjectionFailure> failures = new ArrayList<>();
        for (DecodedBatch.Poison poison : batch.poison()) {
            failures.add(deadLetter(poison.record(), poison.reason()));
        }
        long next = records.get(records.size() - 1).offset() + 1;
        try {
            writer.apply(partition, batch.events(), failures, next);
        } catch (DataAccessException e) {
            if (!isBadData(e)) {
                throw e;
            }
            log.warn("Partition {}: batch at {} holds data the read model refuses; applying record by record",
                    partition, records.get(0).offset());
            projectOneByOne(partition, records, batch, failures);
        }
    }

    /** Finds the record(s) the database refuses; each goes to the dead letters, the others are applied. */
    private void projectOneByOne(int partition, List<ConsumerRecord<byte[], byte[]>> records, DecodedBatch batch,
                                 List<ProjectionFailure> poisonFailures) {
        writer.apply(partition, List.of(), poisonFailures, records.get(0).offset());
        for (LoggedEvent event : batch.events()) {
            try {
                writer.apply(partition, List.of(event), List.of(), event.offset() + 1);
            } catch (DataAccessException e) {
                if (!isBadData(e)) {
                    throw e;
                }
                ConsumerRecord<byte[], byte[]> record = records.stream()
                        .filter(r -> r.offset() == event.offset()).findFirst().orElseThrow();
                ProjectionFailure failure = deadLetter(record, "the read model refuses it: " + rootMessage(e));
                writer.apply(partition, List.of(), List.of(failure), event.offset() + 1);
            }
        }
        writer.apply(partition, List.of(), List.of(), records.get(records.size() - 1).offset() + 1);
    }

    private ProjectionFailure deadLetter(ConsumerRecord<byte[], byte[]> record, String reason) {
        log.warn("Partition {} offset {}: dead-lettered: {}", record.partition(), record.offset(), reason);
        deadLetters.send(record, reason);
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        return new ProjectionFailure(record.partition(), record.offset(), key, reason,
                Instant.ofEpochMilli(Math.max(0, record.timestamp())));
    }

    /** SQLSTATE class 22 (data exception) or 23 (integrity): the record, not the database, is the problem. */
    private static boolean isBadData(DataAccessException e) {
        if (e instanceof TransientDataAccessException || DatabaseFailures.isUnavailable(e)) {
            return false;
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23"))) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage());
        return message.length() > 300 ? message.substring(0, 300) : message;
    }
}
