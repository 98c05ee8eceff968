package io.contextstore.projector;

import io.contextstore.platform.db.DatabaseSettings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the projector ({@code contextstore.projector.*}).
 *
 * @param groupId        the consumer group; every instance of the projector joins it
 * @param concurrency    consumer threads in this instance (partitions are shared among all consumers of the
 *                       group); two overlap one batch's commit with the next batch's work
 * @param maxPollRecords the largest poll, applied in one transaction; a catch-up shares each tenant's statement and
 *                       stream row among that tenant's events of a poll, so larger polls cost less an event (ADR 53)
 * @param maxRetryWait   the longest wait between retries of a batch while the database is unreachable
 * @param sessionTimeout how long the group waits for a silent instance (a crashed one) before handing
 *                       its partitions to the others; Kafka's default of 45 s would stall projection that long
 * @param searchInterval how often the search indexer looks for projected events to index (ADR 0030): those of the
 *                       tenants this instance's projector moved
 * @param searchSweep    how often it also looks across all tenants, for what no projector here told it of: events
 *                       projected before a crash or by an instance that has stopped (and always at start)
 * @param searchBatch    the most events of one tenant the indexer indexes in one transaction
 * @param searchDeferral how long search may wait while the projector catches up with its log before the indexer takes
 *                       a turn anyway (ADR 44)
 */
@ConfigurationProperties("contextstore.projector")
public record ProjectorProperties(
        DatabaseSettings database,
        @DefaultValue("true") boolean enabled,
        @DefaultValue("contextstore-projector") String groupId,
        @DefaultValue("2") int concurrency,
        @DefaultValue("" + MAX_POLL_RECORDS) int maxPollRecords,
        @DefaultValue("5s") Duration maxRetryWait,
        @DefaultValue("10s") Duration sessionTimeout,
        @DefaultValue("200ms") Duration searchInterval,
        @DefaultValue("10s") Duration searchSweep,
        @DefaultValue("1000") int searchBatch,
        @DefaultValue("30s") Duration searchDeferral) {

    /** The largest poll unless set: the live projector's default, and the poll of a rebuild and an audit's catch-up. */
    public static final int MAX_POLL_RECORDS = 8000;

    /**
     * The most a fetch brings from one partition: a full poll from one busy partition, 8,000 events of about 1 KiB,
     * needs about this much; Kafka's 1 MiB default holds an eighth of it.
     */
    public static final int MAX_PARTITION_FETCH_BYTES = 8 * 1024 * 1024;
}
