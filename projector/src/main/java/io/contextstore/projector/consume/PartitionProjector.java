package io.contextstore.projector.consume;

import io.contextstore.platform.db.DatabaseFailures;
import io.contextstore.projector.projection.LoggedEvent;
import io.contextstore.projector.store.ProjectionFailure;
import io.contextstore.projector.store.ReadModelWriter;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.TransientDataAccessException;

/**
 * Projects one partition's records: undecodable ones and ones the database refuses (SQLSTATE class
 * 22 or 23) become failures and the partition moves past them; anything else (an unreachable
 * database, a bug) is thrown, so the caller retries the same records and nothing is skipped.
 * The live projector and a rebuild use the same rules, so both keep the same events.
 */
public final class PartitionProjector {

    /** Where failed records go besides the failure table (the live projector: the dead letter topic). */
    public interface FailureSink {
        void accept(ConsumerRecord<byte[], byte[]> record, String reason);
    }

    private static final Logger log = LoggerFactory.getLogger(PartitionProjector.class);

    private final ReadModelWriter writer;
    private final FailureSink sink;

    public PartitionProjector(ReadModelWriter writer, FailureSink sink) {
        this.writer = writer;
        this.sink = sink;
    }

    /** @param records one partition's records, in offset order */
    public void project(int partition, List<ConsumerRecord<byte[], byte[]>> records, List<LoggedEvent> events,
                        List<DecodedBatch.Poison> poison) {
        List<ProjectionFailure> failures = new ArrayList<>();
        for (DecodedBatch.Poison bad : poison) {
            failures.add(fail(bad.record(), bad.reason()));
        }
        long next = records.get(records.size() - 1).offset() + 1;
        try {
            writer.apply(partition, events, failures, next);
        } catch (DataAccessException e) {
            if (!isBadData(e)) {
                throw e;
            }
            log.warn("Partition {}: batch at {} holds data the read model refuses; applying record by record",
                    partition, records.get(0).offset());
            oneByOne(partition, records, events, failures);
        }
    }

    private void oneByOne(int partition, List<ConsumerRecord<byte[], byte[]>> records, List<LoggedEvent> events,
                          List<ProjectionFailure> poisonFailures) {
        writer.apply(partition, List.of(), poisonFailures, records.get(0).offset());
        for (LoggedEvent event : events) {
            try {
                writer.apply(partition, List.of(event), List.of(), event.offset() + 1);
            } catch (DataAccessException e) {
                if (!isBadData(e)) {
                    throw e;
                }
                ConsumerRecord<byte[], byte[]> record = records.stream()
                        .filter(r -> r.offset() == event.offset()).findFirst().orElseThrow();
                writer.apply(partition, List.of(), List.of(fail(record, "the read model refuses it: " + rootMessage(e))),
                        event.offset() + 1);
            }
        }
        writer.apply(partition, List.of(), List.of(), records.get(records.size() - 1).offset() + 1);
    }

    private ProjectionFailure fail(ConsumerRecord<byte[], byte[]> record, String reason) {
        log.warn("Partition {} offset {}: not projectable: {}", record.partition(), record.offset(), reason);
        sink.accept(record, reason);
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        return new ProjectionFailure(record.partition(), record.offset(), key, reason,
                Instant.ofEpochMilli(Math.max(0, record.timestamp())));
    }

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
