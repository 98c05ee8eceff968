package io.contextstore.projector.rebuild;

import io.contextstore.events.topic.Topics;
import io.contextstore.projector.consume.PartitionProjector;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Projects a bounded range of the log — each partition from a start to an end offset — with the live
 * projector's own step ({@link PartitionProjector#project}). The one loop behind a rebuild (from the
 * beginning to the end the log had when it started) and an audit catch-up (from where a schema stands
 * to a target).
 */
final class BoundedProjection {

    /** Called after each poll: records read so far and in all. */
    public interface Progress {
        void applied(long recordsDone, long recordsTotal);
    }

    /** Records read, and events projected (of the selected tenants). */
    public record Result(long records, long events) {
    }

    private static final String TOPIC = Topics.CONTEXT_EVENTS.name();

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final PartitionProjector projector;

    public BoundedProjection(KafkaConsumer<byte[], byte[]> consumer, PartitionProjector projector) {
        this.consumer = consumer;
        this.projector = projector;
    }

    /**
     * @param from    per partition, the first offset to project (the log's beginning where a partition is not named)
     * @param end     per partition, the offset to stop before; only these partitions are read
     * @param tenants which tenants' events to project; the others' records are read and passed over
     */
    public Result run(Map<Integer, Long> from, Map<Integer, Long> end, Predicate<UUID> tenants, Progress progress) {
        List<TopicPartition> partitions = end.keySet().stream().map(p -> new TopicPartition(TOPIC, p)).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions.stream().filter(p -> !from.containsKey(p.partition())).toList());
        partitions.stream().filter(p -> from.containsKey(p.partition())).forEach(p -> consumer.seek(p, from.get(p.partition())));
        long total = partitions.stream().mapToLong(p -> end.get(p.partition()) - consumer.position(p)).sum();
        long records = 0;
        long events = 0;
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p.partition()))) {
            PartitionProjector.Taken taken = projector.project(consumer.poll(Duration.ofMillis(200)), end, tenants);
            records += taken.records();
            events += taken.events();
            progress.applied(records, total);
        }
        consumer.assign(List.of());
        return new Result(records, events);
    }
}
