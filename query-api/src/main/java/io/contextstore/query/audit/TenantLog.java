package io.contextstore.query.audit;

import io.contextstore.events.topic.Topics;
import io.contextstore.platform.web.ServiceUnavailableException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * One tenant's records on {@code context.events}, read from the log itself (never from the read
 * model the audit checks): the tenant's partition is the one Kafka's default partitioner gives its
 * key, and only records with that key are passed on. The end is fixed when the read is opened, so
 * a replay terminates on a busy topic.
 */
@Component
class TenantLog {

    private static final Duration KAFKA_WAIT = Duration.ofSeconds(10);

    private final Map<String, Object> config;

    TenantLog(KafkaProperties kafka) {
        Map<String, Object> settings = new HashMap<>(kafka.buildConsumerProperties());
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG); // assigned, not subscribed: no group, nothing committed
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "query-api-audit");
        settings.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) KAFKA_WAIT.toMillis());
        this.config = Map.copyOf(settings);
    }

    /** Where a replay starts: an offset, a time (the first record at or after it), or the beginning. */
    sealed interface Start {
        record Beginning() implements Start {
        }

        record AtOffset(long offset) implements Start {
        }

        record AtTime(Instant time) implements Start {
        }
    }

    /** An opened read: partition and range are known before the first byte of the response. */
    final class Read implements AutoCloseable {
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final TopicPartition partition;
        private final long start;
        private final long end;
        private final byte[] key;

        private Read(KafkaConsumer<byte[], byte[]> consumer, TopicPartition partition, long start, long end, byte[] key) {
            this.consumer = consumer;
            this.partition = partition;
            this.start = start;
            this.end = end;
            this.key = key;
        }

        int partition() {
            return partition.partition();
        }

        long endOffset() {
            return end;
        }

        long startOffset() {
            return start;
        }

        /** Passes each of the tenant's records in [start, end) to {@code sink}, in offset order. */
        void forEach(Consumer<ConsumerRecord<byte[], byte[]>> sink) {
            consumer.seek(partition, start);
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500)).records(partition)) {
                    if (record.offset() < end && Arrays.equals(record.key(), key)) {
                        sink.accept(record);
                    }
                }
            }
        }

        @Override
        public void close() {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    Read open(UUID tenant, Start start) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        try {
            byte[] key = tenant.toString().getBytes(StandardCharsets.UTF_8);
            int partitions = consumer.partitionsFor(Topics.CONTEXT_EVENTS.name(), KAFKA_WAIT).size();
            TopicPartition partition = new TopicPartition(Topics.CONTEXT_EVENTS.name(),
                    Topics.CONTEXT_EVENTS.partitionOf(tenant.toString(), partitions));
            consumer.assign(List.of(partition));
            long first = consumer.beginningOffsets(List.of(partition), KAFKA_WAIT).get(partition);
            long end = consumer.endOffsets(List.of(partition), KAFKA_WAIT).get(partition);
            long from = first;
            if (start instanceof Start.AtOffset at) {
                from = Math.max(first, Math.min(at.offset(), end));
            } else if (start instanceof Start.AtTime at) {
                OffsetAndTimestamp found = consumer.offsetsForTimes(Map.of(partition, at.time().toEpochMilli()),
                        KAFKA_WAIT).get(partition);
                from = found == null ? end : found.offset();
            }
            return new Read(consumer, partition, from, end, key);
        } catch (KafkaException e) {
            consumer.close(Duration.ZERO);
            throw new ServiceUnavailableException("Kafka is unavailable; retry later", Duration.ofSeconds(5), e);
        } catch (RuntimeException e) {
            consumer.close(Duration.ZERO);
            throw e;
        }
    }
}
