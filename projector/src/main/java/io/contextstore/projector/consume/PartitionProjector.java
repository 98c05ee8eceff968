package io.contextstore.projector.consume;

import io.contextstore.platform.db.DatabaseFailures;
import io.contextstore.projector.projection.LoggedErasure;
import io.contextstore.projector.projection.LoggedEvent;
import io.contextstore.projector.store.PartitionBatch;
import io.contextstore.projector.store.ProjectionFailure;
import io.contextstore.projector.store.ReadModelWriter;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Predicate;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.TransientDataAccessException;

/**
 * Projects the records of one poll, all partitions in one transaction: undecodable records and
 * records the database refuses (SQLSTATE class 22 or 23, found by applying record by record) become
 * failures and their partition moves past them; anything else (an unreachable database, a bug) is
 * thrown, so the caller retries the same records and nothing is skipped. The live projector and a
 * rebuild use the same rules, so both keep the same events.
 */
public final class PartitionProjector {

    /** Where failed records go besides the failure table (the live projector: the dead letter topic). */
    public interface FailureSink {
        void accept(ConsumerRecord<byte[], byte[]> record, String reason);
    }

    private record Decoded(int partition, List<ConsumerRecord<byte[], byte[]>> records, List<LoggedEvent> events,
                           List<LoggedErasure> erasures, List<ProjectionFailure> failures) {
    }

    private static final Logger log = LoggerFactory.getLogger(PartitionProjector.class);

    private final ReadModelWriter writer;
    private final FailureSink sink;

    public PartitionProjector(ReadModelWriter writer, FailureSink sink) {
        this.writer = writer;
        this.sink = sink;
    }

    /** What one call took: records read, and events selected for projection. */
    public record Taken(long records, long events) {
    }

    /**
     * The one projection step of the live projector, a rebuild and a catch-up: the polled records,
     * grouped by partition in offset order, applied in one transaction.
     *
     * @param records  one poll's records
     * @param end      per partition, the offset where the range ends (records from it on are left out);
     *                 a partition not named is not bounded
     * @param selected which tenants' events and erasures to project (a rebuild of some tenants passes the others over)
     */
    public Taken project(Iterable<ConsumerRecord<byte[], byte[]>> records, Map<Integer, Long> end,
                         Predicate<UUID> selected) {
        Map<Integer, List<ConsumerRecord<byte[], byte[]>>> byPartition = new LinkedHashMap<>();
        long taken = 0;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (record.offset() < end.getOrDefault(record.partition(), Long.MAX_VALUE)) {
                byPartition.computeIfAbsent(record.partition(), p -> new ArrayList<>()).add(record);
                taken++;
            }
        }
        return byPartition.isEmpty() ? new Taken(0, 0) : new Taken(taken, project(byPartition, selected));
    }

    private long project(Map<Integer, List<ConsumerRecord<byte[], byte[]>>> byPartition, Predicate<UUID> selected) {
        List<Decoded> decoded = new ArrayList<>();
        byPartition.forEach((partition, records) -> {
            DecodedBatch batch = DecodedBatch.of(records);
            List<ProjectionFailure> failures = new ArrayList<>();
            batch.poison().forEach(bad -> failures.add(fail(bad.record(), bad.reason())));
            decoded.add(new Decoded(partition, records, batch.events().stream().filter(e -> selected.test(e.event().getTenantId())).toList(),
                    batch.erasures().stream().filter(e -> selected.test(e.tenant())).toList(), failures));
        });
        try {
            writer.apply(decoded.stream().map(d -> new PartitionBatch(d.partition(), d.events(), d.erasures(), d.failures(),
                    last(d.records()) + 1)).toList());
        } catch (DataAccessException e) {
            if (!isBadData(e)) {
                throw e;
            }
            log.warn("A batch holds data the read model refuses; applying record by record");
            decoded.forEach(this::oneByOne);
        }
        return decoded.stream().mapToLong(d -> d.events().size()).sum();
    }

    private void oneByOne(Decoded part) {
        int partition = part.partition();
        writer.apply(partition, List.of(), part.failures(), part.records().get(0).offset());
        int nextErasure = 0;
        for (LoggedEvent event : part.events()) {
            nextErasure = erasuresBefore(part, nextErasure, event.offset());
            try {
                writer.apply(partition, List.of(event), List.of(), event.offset() + 1);
            } catch (DataAccessException e) {
                if (!isBadData(e)) {
                    throw e;
                }
                ConsumerRecord<byte[], byte[]> record = part.records().stream()
                        .filter(r -> r.offset() == event.offset()).findFirst().orElseThrow();
                writer.apply(partition, List.of(), List.of(fail(record, "the read model refuses it: " + rootMessage(e))),
                        event.offset() + 1);
            }
        }
        erasuresBefore(part, nextErasure, Long.MAX_VALUE);
        writer.apply(partition, List.of(), List.of(), last(part.records()) + 1);
    }

    /** Applies the part's erasures from index {@code from} that lie below {@code offset}, each in its own step, in log order. */
    private int erasuresBefore(Decoded part, int from, long offset) {
        int next = from;
        while (next < part.erasures().size() && part.erasures().get(next).offset() < offset) {
            LoggedErasure erasure = part.erasures().get(next++);
            writer.apply(List.of(new PartitionBatch(part.partition(), List.of(), List.of(erasure), List.of(),
                    erasure.offset() + 1)));
        }
        return next;
    }

    private static long last(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.get(records.size() - 1).offset();
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
