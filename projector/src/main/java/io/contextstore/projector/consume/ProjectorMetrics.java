package io.contextstore.projector.consume;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** What operators watch: records projected, dead-lettered, batches retried, and how long a batch takes. */
final class ProjectorMetrics {

    private final Counter records;
    private final Counter deadLettered;
    private final Counter failedBatches;
    private final Timer batches;

    ProjectorMetrics(MeterRegistry registry) {
        this.records = Counter.builder("contextstore.projector.records")
                .description("Records projected (applied or passed over as duplicates)").register(registry);
        this.deadLettered = Counter.builder("contextstore.projector.dead.lettered")
                .description("Records copied to the dead letter topic").register(registry);
        this.failedBatches = Counter.builder("contextstore.projector.batch.failures")
                .description("Batches that failed and will be retried (database unreachable, ...)").register(registry);
        this.batches = Timer.builder("contextstore.projector.batch")
                .description("Time to apply one partition's batch").register(registry);
    }

    void applied(int count, long nanos) {
        records.increment(count);
        batches.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    void deadLettered() {
        deadLettered.increment();
    }

    void batchFailed() {
        failedBatches.increment();
    }
}
