package io.contextstore.bench;

import io.contextstore.events.CloudEventHeaders;
import io.contextstore.events.ContextEvent;
import io.contextstore.events.topic.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The raw limit under ingest: a plain idempotent {@code acks=all} producer sending the same Avro
 * records with the same headers to the same topic on the same broker.
 */
final class RawProducerScenario {

    record Result(long records, double seconds, Latencies.Summary sends, CoreTime.Spent spent) {
        double recordsPerSecond() {
            return records / seconds;
        }

        Scenarios.Figure figure() {
            return new Scenarios.Figure(recordsPerSecond(), sends, records, spent);
        }
    }

    private final BenchStack stack;

    RawProducerScenario(BenchStack stack) {
        this.stack = stack;
    }

    /** Throughput: every client sends without waiting, then flushes. */
    Result pipelined(int clients, int recordsPerClient) throws Exception {
        return run(clients, recordsPerClient, false);
    }

    /** Latency: every client waits for each acknowledgement, as a single-item push does. */
    Result oneAtATime(int clients, int recordsPerClient) throws Exception {
        return run(clients, recordsPerClient, true);
    }

    private Result run(int clients, int recordsPerClient, boolean waitEach) throws Exception {
        UUID tenant = UUID.randomUUID();
        String run = "raw-" + System.nanoTime();
        Latencies latencies = new Latencies();
        try (KafkaProducer<String, ContextEvent> producer = producer()) {
            // prepare the records first: the baseline measures Kafka, not Avro encoding of the driver
            List<List<ProducerRecord<String, ContextEvent>>> prepared = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                List<ProducerRecord<String, ContextEvent>> records = new ArrayList<>(recordsPerClient);
                for (int r = 0; r < recordsPerClient; r++) {
                    ContextEvent event = Items.event(tenant, run, ((long) c << 32) | r);
                    records.add(new ProducerRecord<>(Topics.CONTEXT_EVENTS.name(), null, tenant.toString(), event,
                            CloudEventHeaders.of(event)));
                }
                prepared.add(records);
            }
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            CoreTime cores = stack.cores();
            long started = System.nanoTime();
            try {
                List<Future<?>> done = new ArrayList<>();
                for (List<ProducerRecord<String, ContextEvent>> records : prepared) {
                    done.add(pool.submit(() -> {
                        for (ProducerRecord<String, ContextEvent> record : records) {
                            long t0 = System.nanoTime();
                            var sent = producer.send(record);
                            if (waitEach) {
                                sent.get();
                                latencies.record(System.nanoTime() - t0);
                            }
                        }
                        producer.flush();
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            return new Result((long) clients * recordsPerClient, seconds, latencies.summary(), cores.spentSince());
        }
    }

    private KafkaProducer<String, ContextEvent> producer() {
        Map<String, Object> config = new HashMap<>(IngestSends.settings());
        config.put("bootstrap.servers", stack.kafka());
        return new KafkaProducer<>(config, Topics.CONTEXT_EVENTS.keySerializer(), Topics.CONTEXT_EVENTS.valueSerializer());
    }
}
