package io.contextstore.ingest;

import io.contextstore.platform.db.DatabaseSettings;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the ingest API ({@code contextstore.ingest.*}).
 *
 * @param maxBodyBytes  the largest request body accepted; larger ones get 413
 * @param maxBatchItems the most items one push may carry
 * @param retryAfter    what a 503 tells clients to wait
 */
@ConfigurationProperties("contextstore.ingest")
public record IngestProperties(
        DatabaseSettings database,
        @DefaultValue("5242880") long maxBodyBytes,
        @DefaultValue("1000") int maxBatchItems,
        @DefaultValue("5s") Duration retryAfter,
        @DefaultValue Producer producer) {

    /**
     * Bounded waits, so an unreachable broker turns into a prompt 503 rather than a two-minute hang.
     * A send that timed out may still have landed; the projector removes such duplicates.
     */
    public record Producer(
            @DefaultValue("5ms") Duration linger,
            @DefaultValue("2s") Duration maxBlock,
            @DefaultValue("3s") Duration requestTimeout,
            @DefaultValue("6s") Duration deliveryTimeout,
            @DefaultValue("lz4") String compression,
            @DefaultValue("256KB") DataSize batchSize) {

        /**
         * Idempotent, acks from all in-sync replicas, bounded waits. Batches of up to 256 KiB, not Kafka's 16 KiB: a
         * push of 500 events to one partition went out in a few requests instead of dozens, and such pushes ran 35-60%
         * faster (bench/profiling.md).
         */
        public Map<String, Object> kafkaSettings() {
            return Map.of(
                    "acks", "all",
                    "enable.idempotence", true,
                    "max.in.flight.requests.per.connection", 5,
                    "linger.ms", (int) linger.toMillis(),
                    "max.block.ms", maxBlock.toMillis(),
                    "request.timeout.ms", (int) requestTimeout.toMillis(),
                    "delivery.timeout.ms", (int) deliveryTimeout.toMillis(),
                    "compression.type", compression,
                    "batch.size", (int) batchSize.toBytes());
        }
    }
}
