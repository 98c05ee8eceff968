package io.contextstore.projector.lag;

import io.contextstore.projector.store.ReadModelWriter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code contextstore.projector.lag{partition}}: records in the log the read model has not applied
 * yet, i.e. the partition's committed end minus {@code projector_offsets.next_offset}. Measured from
 * the read model rather than from Kafka's committed offsets, which only follow it. Refreshed on its
 * own thread every {@code interval}, so a scrape never waits on Kafka or PostgreSQL; every instance
 * of the group reports every partition (the values agree; take the max across instances).
 */
final class ProjectionLag implements AutoCloseable {

    public static final String METER = "contextstore.projector.lag";
    private static final Logger log = LoggerFactory.getLogger(ProjectionLag.class);
    private static final int TIMEOUT_MS = 3000;

    private final Admin admin;
    private final ReadModelWriter readModel;
    private final String topic;
    private final MeterRegistry registry;
    private final Map<Integer, AtomicLong> lags = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "projection-lag");
        thread.setDaemon(true);
        return thread;
    });

    ProjectionLag(Admin admin, ReadModelWriter readModel, String topic, MeterRegistry registry) {
        this.admin = admin;
        this.readModel = readModel;
        this.topic = topic;
        this.registry = registry;
    }

    void start(Duration interval) {
        scheduler.scheduleWithFixedDelay(this::refreshQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Measures every partition now; throws when Kafka or PostgreSQL cannot say. */
    void refresh() throws Exception {
        List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames()
                .get(TIMEOUT_MS, TimeUnit.MILLISECONDS).get(topic).partitions().stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
        partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResultInfo> ends = admin
                .listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        Map<Integer, Long> next = readModel.nextOffsets(partitions.stream().map(TopicPartition::partition).toList());
        ends.forEach((partition, end) -> gauge(partition.partition())
                .set(Math.max(0, end.offset() - next.getOrDefault(partition.partition(), 0L))));
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // the gauges keep their last values; the health indicators report the outage
            log.debug("Projection lag not measured: {}", e.toString());
        }
    }

    private AtomicLong gauge(int partition) {
        return lags.computeIfAbsent(partition, p -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(METER, value, AtomicLong::get).tag("partition", Integer.toString(p))
                    .description("Records of the partition not yet applied to the read model").register(registry);
            return value;
        });
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        admin.close(Duration.ofSeconds(2));
    }
}
