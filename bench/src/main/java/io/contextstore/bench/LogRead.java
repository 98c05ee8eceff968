package io.contextstore.bench;

import io.contextstore.events.CloudEventHeaders;
import io.contextstore.events.topic.Topics;
import io.contextstore.projector.consume.LogReading;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What no ceiling of PostgreSQL's holds and the projector cannot skip: reading the log. The events a projector round
 * just applied are read again by as many consumers as the projector has consumer threads, each with its range of
 * partitions, with the projector's consumer settings (read committed, its poll size and fetch size); each record's
 * type header, key and value are decoded as the projector decodes them, and nothing is written. Its CPU time an event
 * is part of what the projector spends beside the ceiling's, which has its rows made before its clock starts.
 */
final class LogRead {

    /** A stretch of the log: where each partition starts, and where it ends (exclusive). */
    record Range(Map<Integer, Long> from, Map<Integer, Long> to) {
    }

    record Result(long events, Duration took, CoreTime.Spent spent) {
        double eventsPerSecond() {
            return events / (took.toNanos() / 1e9);
        }
    }

    private final BenchStack stack;

    LogRead(BenchStack stack) {
        this.stack = stack;
    }

    Result read(Range range, int consumers, int maxPollRecords) throws Exception {
        List<KafkaConsumer<byte[], byte[]>> opened = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(consumers);
        try {
            List<Map<TopicPartition, Long>> shares = new ArrayList<>();
            for (int c = 0; c < consumers; c++) {
                shares.add(new java.util.HashMap<>());
            }
            range.to().forEach((partition, end) -> {
                if (end > range.from().getOrDefault(partition, 0L)) { // the range assignor's split, as the container's
                    shares.get(partition * consumers / BenchMain.PARTITIONS)
                            .put(new TopicPartition(Topics.CONTEXT_EVENTS.name(), partition), end);
                }
            });
            for (Map<TopicPartition, Long> share : shares) {
                KafkaConsumer<byte[], byte[]> consumer = consumer(maxPollRecords);
                opened.add(consumer);
                consumer.assign(share.keySet());
                share.keySet().forEach(p -> consumer.seek(p, range.from().getOrDefault(p.partition(), 0L)));
            }
            CoreTime cores = CoreTime.now();
            long started = System.nanoTime();
            List<Future<Long>> reads = new ArrayList<>();
            for (int c = 0; c < consumers; c++) {
                KafkaConsumer<byte[], byte[]> consumer = opened.get(c);
                Map<TopicPartition, Long> share = shares.get(c);
                reads.add(pool.submit(() -> readTo(consumer, share)));
            }
            long events = 0;
            for (Future<Long> read : reads) {
                events += read.get();
            }
            return new Result(events, Duration.ofNanos(System.nanoTime() - started), cores.spentSince());
        } finally {
            pool.shutdownNow();
            opened.forEach(KafkaConsumer::close);
        }
    }

    /** Polls until every partition of the share has passed its end; answers the events decoded before the ends. */
    private static long readTo(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends) {
        long events = 0;
        while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))
                        && !CloudEventHeaders.isSubjectErased(record.headers())) {
                    String key = Topics.CONTEXT_EVENTS.key().decode(record.key());
                    if (key.equals(Topics.CONTEXT_EVENTS.value().decode(record.value()).getTenantId().toString())) {
                        events++; // the projector's check too; a count of what decoded, so none of it is skipped
                    }
                }
            }
        }
        return events;
    }

    private KafkaConsumer<byte[], byte[]> consumer(int maxPollRecords) {
        Map<String, Object> config = new java.util.HashMap<>(LogReading.settings(maxPollRecords));
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka());
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
