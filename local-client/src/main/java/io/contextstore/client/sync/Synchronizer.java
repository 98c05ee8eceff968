package io.contextstore.client.sync;

import io.contextstore.client.auth.Session;
import io.contextstore.client.http.ServerUnavailable;
import io.contextstore.client.queue.SyncQueue;
import io.contextstore.client.tiers.Tier;
import io.contextstore.client.tiers.TierDatabase;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Function;

/** {@code ctx sync}: drain the queue, then pull every tier; each run is recorded in platform.db. */
public final class Synchronizer {

    /**
     * @param onlyDue   respect each item's backoff (background syncs); an explicit sync tries everything pending
     * @param batchSize items per batch push, 1 to 1,000
     */
    public record Options(boolean push, boolean pull, boolean onlyDue, int batchSize) {
    }

    private final Function<Tier, TierDatabase> tiers;
    private final SyncQueue queue;
    private final Clock clock;

    public Synchronizer(Function<Tier, TierDatabase> tiers, SyncQueue queue, Clock clock) {
        this.tiers = tiers;
        this.queue = queue;
        this.clock = clock;
    }

    public SyncReport run(Session session, Options options, SyncObserver observer) {
        Instant started = clock.instant();
        Drainer.Result drain = null;
        Puller.Result pull = null;
        String stopped = null;
        try {
            if (options.push()) {
                ToolTotals.queueChanged(tiers.apply(Tier.SESSIONS), clock);
                drain = new Drainer(queue, session, observer, options.batchSize(), options.onlyDue()).drain();
                stopped = drain.stoppedBecause();
            }
            if (options.pull() && stopped == null) {
                try {
                    pull = new Puller(tiers, session, observer, clock).pull(drain == null ? -1 : drain.maxCursor());
                } catch (ServerUnavailable e) {
                    stopped = e.getMessage();
                }
            }
            SyncReport report = new SyncReport(drain, pull, queue.counts(), stopped);
            record(started, stopped == null ? "ok" : "unavailable", report, stopped);
            return report;
        } catch (RuntimeException e) {
            record(started, "failed", new SyncReport(drain, pull, null, null), e.getMessage());
            throw e;
        }
    }

    private void record(Instant started, String outcome, SyncReport report, String message) {
        tiers.apply(Tier.PLATFORM).inTransaction(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO sync_runs (started_at, finished_at, outcome,"
                    + " sent, dead, pulled, message) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, started.toString());
                insert.setString(2, clock.instant().toString());
                insert.setString(3, outcome);
                insert.setInt(4, report.drain() == null ? 0 : report.drain().acknowledged());
                insert.setInt(5, report.drain() == null ? 0 : report.drain().dead());
                insert.setInt(6, report.pull() == null ? 0 : report.pull().events());
                insert.setString(7, message);
                insert.executeUpdate();
            }
            return null;
        });
    }
}
