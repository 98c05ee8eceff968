package io.contextstore.testing;

import io.contextstore.events.ContextEvent;
import io.contextstore.events.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a topic from the beginning to its current end, as raw bytes, the way an auditor would. */
public final class TopicReader {

    private final String bootstrapServers;

    public TopicReader(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (var consumer = consumer()) {
            List<TopicPartition> partitions = assignAll(consumer, topic);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            while (partitions.stream().anyMatch(p -> consumer.position(p, Duration.ofSeconds(10)) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** The end of each partition of {@code topic} as a read-committed reader (the projector) can read it, now. */
    public Map<Integer, Long> endOffsets(String topic) {
        try (var consumer = consumer()) {
            Map<Integer, Long> ends = new java.util.HashMap<>();
            consumer.endOffsets(assignAll(consumer, topic), Duration.ofSeconds(10))
                    .forEach((partition, end) -> ends.put(partition.partition(), end));
            return ends;
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Assigned first: asked for the ends of partitions it is not assigned, a consumer warns for each. */
    private static List<TopicPartition> assignAll(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(10))) {
            partitions.add(new TopicPartition(topic, info.partition()));
        }
        consumer.assign(partitions);
        return partitions;
    }

    /** Which of {@code texts} some record of {@code topic} holds, UTF-8 byte for byte, in its key, value or a header. */
    public List<String> held(String topic, java.util.Collection<String> texts) {
        List<byte[]> stored = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : readAll(topic)) {
            stored.add(record.key());
            stored.add(record.value());
            for (org.apache.kafka.common.header.Header header : record.headers()) {
                stored.add(header.value());
            }
        }
        return texts.stream().filter(text -> {
            byte[] needle = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            return stored.stream().anyMatch(bytes -> ByteSearch.contains(bytes, needle));
        }).toList();
    }

    /** The records of one tenant on {@code context.events}, in offset order. */
    public List<ConsumerRecord<byte[], byte[]>> eventsOf(UUID tenantId) {
        byte[] key = Topics.CONTEXT_EVENTS.key().encode(tenantId.toString());
        return readAll(Topics.CONTEXT_EVENTS.name()).stream()
                .filter(record -> java.util.Arrays.equals(record.key(), key))
                .sorted(java.util.Comparator.comparingLong(ConsumerRecord::offset))
                .toList();
    }

    public static ContextEvent decode(ConsumerRecord<byte[], byte[]> record) {
        return Topics.CONTEXT_EVENTS.value().decode(record.value());
    }
}
