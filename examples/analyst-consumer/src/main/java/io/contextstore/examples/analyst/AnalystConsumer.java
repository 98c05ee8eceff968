package io.contextstore.examples.analyst;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * An analyst's consumer of {@code context.events}: a plain Kafka consumer in the analyst's own group,
 * reading committed records only, each value decoded by {@link EventDecoder} into a generic Avro
 * record. Run it with:
 *
 * <pre>
 * java -cp analyst-consumer.jar:avro.jar:kafka-clients.jar:... io.contextstore.examples.analyst.AnalystConsumer \
 *      --bootstrap-servers 127.0.0.1:29092 --group analysts.alice \
 *      --schemas schemas/avro/src/main/avro --schemas schemas/avro/released/1 --schemas schemas/avro/released/2
 *      [--max 100]
 * </pre>
 *
 * It prints one line per record: coordinates, key (the tenant), CloudEvents headers and the event
 * as Avro's JSON rendering. Offsets are committed to the group, so a rerun continues where it stopped.
 */
public final class AnalystConsumer implements AutoCloseable {

    public static final String TOPIC = "context.events";

    /** One record: its coordinates, key and headers as the log holds them, and the decoded event (null when skipped). */
    public record Decoded(int partition, long offset, String key, Map<String, String> headers, long fingerprint,
                          GenericRecord event) {

        public String toJson() {
            return "{\"partition\": " + partition + ", \"offset\": " + offset + ", \"key\": \"" + key
                    + "\", \"fingerprint\": " + fingerprint + ", \"headers\": " + GenericData.get().toString(headers)
                    + (event == null ? ", \"skipped\": \"a kind these schemas do not have: upgrade them to read it\"}"
                    : ", \"event\": " + GenericData.get().toString(event) + "}");
        }
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final EventDecoder decoder;

    public AnalystConsumer(String bootstrapServers, String groupId, EventDecoder decoder) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // the ingest producer is idempotent; read_committed also hides records of aborted transactions
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        this.decoder = decoder;
    }

    /** Joins the group: partitions are shared among the group's members, offsets are committed. */
    public void subscribe() {
        consumer.subscribe(List.of(TOPIC));
    }

    /** Reads one partition from one offset, outside any group rebalancing (e.g. to look at one event). */
    public void assign(int partition, long offset) {
        TopicPartition topicPartition = new TopicPartition(TOPIC, partition);
        consumer.assign(List.of(topicPartition));
        consumer.seek(topicPartition, offset);
    }

    public List<Decoded> poll(Duration timeout) {
        List<Decoded> decoded = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : consumer.poll(timeout)) {
            Map<String, String> headers = new LinkedHashMap<>();
            for (Header header : record.headers()) {
                headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
            boolean known = decoder.knowsKind(headers.get("ce_type"));
            decoded.add(new Decoded(record.partition(), record.offset(), record.key(), headers,
                    EventDecoder.fingerprint(record.value()), known ? decoder.decode(record.value()) : null));
        }
        return decoded;
    }

    public void commit() {
        consumer.commitSync();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }

    public static void main(String[] args) {
        String bootstrap = "127.0.0.1:29092";
        String group = "analysts.example";
        List<Path> schemas = new ArrayList<>();
        long max = Long.MAX_VALUE;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--bootstrap-servers" -> bootstrap = args[i + 1];
                case "--group" -> group = args[i + 1];
                case "--schemas" -> schemas.add(Path.of(args[i + 1]));
                case "--max" -> max = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (schemas.isEmpty()) {
            schemas.add(Path.of("schemas", "avro", "src", "main", "avro"));
        }
        EventDecoder decoder = new EventDecoder(schemas);
        System.err.println("reading " + TOPIC + " as group " + group + " with schema fingerprint "
                + SchemaNormalization.parsingFingerprint64(decoder.readerSchema()));
        long seen = 0;
        try (AnalystConsumer consumer = new AnalystConsumer(bootstrap, group, decoder)) {
            consumer.subscribe();
            while (seen < max) {
                for (Decoded record : consumer.poll(Duration.ofSeconds(1))) {
                    if (seen++ < max) {
                        System.out.println(record.toJson());
                    }
                }
                consumer.commit();
            }
        }
    }
}
