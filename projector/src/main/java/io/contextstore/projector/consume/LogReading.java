package io.contextstore.projector.consume;

import io.contextstore.projector.ProjectorProperties;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * How the projector's consumers read the log, the live one and a bounded projection's alike: committed transactions'
 * records only; no offsets committed for it (the read model keeps its own, in the transaction of the rows they cover); and polls and fetches sized for a
 * catch-up, where a poll is one transaction and each tenant's costs in it are shared by its events (ADR 53).
 */
public final class LogReading {

    private LogReading() {
    }

    public static Map<String, Object> settings(int maxPollRecords) {
        return Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, ProjectorProperties.MAX_PARTITION_FETCH_BYTES);
    }
}
