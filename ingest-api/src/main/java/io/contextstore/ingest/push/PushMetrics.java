package io.contextstore.ingest.push;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;

/**
 * What operators watch on the write side. {@code contextstore.ingest.pushes} by {@code status}:
 * {@code created} and {@code duplicate} count items; {@code rejected} (4xx) and {@code unavailable}
 * (503) count requests, since such a request answers for no single item. Dedup hits: items the
 * index already knew, answered without touching Kafka. Produce latency: send to {@code acks=all}
 * acknowledgement, per record.
 */
final class PushMetrics {

    static final String PUSHES = "contextstore.ingest.pushes";

    private final Counter created;
    private final Counter duplicate;
    private final Counter rejected;
    private final Counter unavailable;
    private final Counter dedupHits;
    private final Timer produce;

    PushMetrics(MeterRegistry registry) {
        this.created = pushes(registry, "created");
        this.duplicate = pushes(registry, "duplicate");
        this.rejected = pushes(registry, "rejected");
        this.unavailable = pushes(registry, "unavailable");
        this.dedupHits = Counter.builder("contextstore.ingest.dedup.hits")
                .description("Pushed items found in the dedup index, answered duplicate without appending").register(registry);
        this.produce = Timer.builder("contextstore.ingest.produce")
                .description("Time from sending a record to Kafka until all in-sync replicas acknowledged it")
                .publishPercentileHistogram().register(registry);
    }

    private static Counter pushes(MeterRegistry registry, String status) {
        return Counter.builder(PUSHES).tag("status", status)
                .description("Pushed items by answer (created, duplicate); rejected and unavailable push requests")
                .register(registry);
    }

    void answered(List<PushResult> results) {
        for (PushResult result : results) {
            (result.status() == PushResult.Status.CREATED ? created : duplicate).increment();
        }
    }

    void dedupHits(long items) {
        dedupHits.increment(items);
    }

    void rejected() {
        rejected.increment();
    }

    void unavailable() {
        unavailable.increment();
    }

    Timer produceLatency() {
        return produce;
    }
}
