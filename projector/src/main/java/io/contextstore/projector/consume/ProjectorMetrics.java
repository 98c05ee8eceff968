package io.contextstore.projector.consume;

import io.contextstore.projector.ProjectorMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What operators watch: records projected, dead-lettered, batches retried, how long a batch takes and how many tenants
 * it held, and how old each record was when the commit that applied it made it visible.
 */
final class ProjectorMetrics {

    private final Counter records;
    private final Counter deadLettered;
    private final Counter failedBatches;
    private final Timer batches;
    private final DistributionSummary tenants;
    private final Timer age;
    private final Clock clock;

    ProjectorMetrics(MeterRegistry registry, Clock clock) {
        this.clock = clock;
        this.records = Counter.builder(ProjectorMeters.RECORDS)
                .description("Records projected (applied or passed over as duplicates)").register(registry);
        this.deadLettered = Counter.builder(ProjectorMeters.DEAD_LETTERED)
                .description("Records copied to the dead letter topic").register(registry);
        this.failedBatches = Counter.builder(ProjectorMeters.BATCH_FAILURES)
                .description("Batches that failed and will be retried (database unreachable, ...)").register(registry);
        this.batches = Timer.builder(ProjectorMeters.BATCH)
                .description("Time to apply one poll's batch").register(registry);
        this.tenants = DistributionSummary.builder(ProjectorMeters.BATCH_TENANTS)
                .description("Tenants in one poll's batch (records keyed by tenant)").register(registry);
        // The part of push → visible that the projector sees; its tail is where commits waited (bench/profiling.md).
        this.age = Timer.builder(ProjectorMeters.EVENT_AGE)
                .description("From a record's timestamp in the log (set by ingest's clock) to the commit that applied it")
                .publishPercentileHistogram().register(registry);
    }

    /** After the commit of {@code records}: counts them and their tenants, times the batch, and records each one's age. */
    void applied(List<ConsumerRecord<byte[], byte[]>> records, long nanos) {
        this.records.increment(records.size());
        batches.record(nanos, TimeUnit.NANOSECONDS);
        tenants.record(records.stream().map(r -> r.key() == null ? ByteBuffer.allocate(0) : ByteBuffer.wrap(r.key()))
                .distinct().count());
        long now = clock.millis();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            age.record(Math.max(0, now - record.timestamp()), TimeUnit.MILLISECONDS);
        }
    }

    void deadLettered() {
        deadLettered.increment();
    }

    void batchFailed() {
        failedBatches.increment();
    }
}
