package io.contextstore.projector.consume;

import io.contextstore.events.topic.Topics;
import io.contextstore.projector.ProjectorPace;
import io.contextstore.projector.store.ReadModelWriter;
import io.contextstore.platform.db.DatabaseFailures;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.ConsumerSeekAware;

/**
 * Projects each polled batch, every partition of it in one transaction (see {@link PartitionProjector}). On assignment it seeks
 * to the offsets stored with the rows, not to Kafka's committed offsets. Poison records go to the
 * dead letter topic and the failure table and the partition moves on; an unreachable database is
 * thrown to the container, which retries the same batch with backoff and never skips it.
 */
final class ProjectorListener implements BatchMessageListener<byte[], byte[]>, ConsumerSeekAware {

    private static final Logger log = LoggerFactory.getLogger(ProjectorListener.class);
    private static final Duration ASSIGNMENT_PATIENCE = Duration.ofSeconds(60);

    private final ReadModelWriter writer;
    private final PartitionProjector projector;
    private final ProjectorMetrics metrics;
    private final ProjectorPace pace;

    ProjectorListener(ReadModelWriter writer, DeadLetters deadLetters, ProjectorMetrics metrics, ProjectorPace pace) {
        this.writer = writer;
        this.metrics = metrics;
        this.pace = pace;
        this.projector = new PartitionProjector(writer, (record, reason) -> {
            deadLetters.send(record, reason);
            metrics.deadLettered();
        });
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        List<Integer> partitions = assignments.keySet().stream().map(TopicPartition::partition).toList();
        partitions.forEach(writer::forget);
        storedOffsets(partitions).forEach((partition, offset) -> {
            log.info("Partition {} assigned: resuming at offset {} (from the read model)", partition, offset);
            callback.seek(Topics.CONTEXT_EVENTS.name(), partition, offset);
        });
    }

    /**
     * Where to resume; while the database is unreachable, waits with backoff (bounded, well inside
     * the poll interval) instead of failing the rebalance, which would only make the group rejoin in a loop.
     */
    private Map<Integer, Long> storedOffsets(List<Integer> partitions) {
        long wait = 100;
        long deadline = System.nanoTime() + ASSIGNMENT_PATIENCE.toNanos();
        while (true) {
            try {
                return writer.nextOffsets(partitions);
            } catch (RuntimeException e) {
                if (!DatabaseFailures.isUnavailable(e) || System.nanoTime() + wait * 1_000_000 > deadline) {
                    throw e;
                }
                log.warn("Partitions {} assigned while the database is unreachable; retrying in {} ms", partitions, wait);
                LockSupport.parkNanos(wait * 1_000_000);
                wait = Math.min(wait * 2, 5000);
            }
        }
    }

    @Override
    public void onMessage(List<ConsumerRecord<byte[], byte[]>> records) {
        pace.polled(records.size()); // before applying it: the indexer hears of a catch-up one poll's work sooner
        long started = System.nanoTime();
        try {
            projector.project(records, Map.of(), tenant -> true);
        } catch (RuntimeException e) {
            metrics.batchFailed();
            log.warn("A batch of {} records failed and will be retried: {}", records.size(), e.getMessage());
            throw e;
        }
        metrics.applied(records, System.nanoTime() - started);
    }
}
