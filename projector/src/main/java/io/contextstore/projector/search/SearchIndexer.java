package io.contextstore.projector.search;

import io.contextstore.platform.db.Database;
import io.contextstore.platform.search.SearchDocuments;
import io.contextstore.projector.ProjectedTenants;
import io.contextstore.projector.ProjectorPace;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Turns projected events into search documents, behind the projector, one tenant at a time (ADR 0030).
 * The projector notes how far each tenant is projected ({@code tenant_streams.last_offset}); this indexes a tenant's
 * events up to there and moves its {@code search_positions} row in the same transaction, so each event is indexed once
 * in effect whatever crashes or how many projector instances run (the position row is locked first, so two indexers
 * serialize). The tsvector, the costly part of search, is computed here and never inside the projector's
 * transaction. While the projector catches up with its log, the indexer yields to it, up to a limit (ADR 44).
 *
 * <p>Which tenants to look at, the projector in this process says ({@link ProjectedTenants}). Asking PostgreSQL which
 * of all tenants lag ({@code search_lagging()}) costs a join over every tenant ever projected, 57-66 ms at 76,651
 * tenants with nothing to index (bench/profiling.md): that is a sweep, at start and every so often, for what no
 * projector here told of (events projected before a crash, or by an instance that has since stopped).
 */
final class SearchIndexer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SearchIndexer.class);

    /** The most tenants one round looks at, and one sweep answers. */
    private static final int ROUND = 64;

    /** Tenants whose search lags their projection, a round's worth. */
    private static final String LAGGING = "SELECT tenant_id FROM search_lagging(" + ROUND + ")";

    /** A position row for a tenant that has a stream; a deleted tenant gets none back. */
    private static final String POSITION = """
            INSERT INTO search_positions (tenant_id, indexed_to) SELECT tenant_id, -1 FROM tenant_streams
            WHERE tenant_id = ? ON CONFLICT DO NOTHING""";

    /** The position, locked, and how far the tenant is projected; nothing for a tenant without a stream. */
    private static final String LOCK = """
            SELECT p.indexed_to, s.last_offset FROM search_positions p JOIN tenant_streams s USING (tenant_id)
            WHERE p.tenant_id = ? FOR UPDATE OF p""";

    /**
     * One step of one tenant: the next events after its position (in offset order, at most a batch),
     * the documents of those that are searchable and current, and the documents they supersede (a
     * task's earlier state). Answers how many events it looked at and the last one's offset.
     */
    private static final String INDEX = """
            WITH batch AS (SELECT * FROM context_events e
                           WHERE e.tenant_id = ? AND e.kafka_offset > ? AND e.kafka_offset <= ?
                           ORDER BY e.kafka_offset LIMIT ?),
            docs AS (INSERT INTO search_documents (tenant_id, kafka_offset, kind, project_id, private_to, project_scope,
                                                   entity, doc)
                     SELECT e.tenant_id, e.kafka_offset, e.kind, e.project_id, e.private_to, e.project_scope, %s, %s
                     FROM batch e WHERE %s
                     ON CONFLICT DO NOTHING RETURNING entity, kafka_offset),
            superseded AS (DELETE FROM search_documents d USING docs
                           WHERE d.tenant_id = ? AND docs.entity IS NOT NULL AND d.entity = docs.entity
                             AND d.kafka_offset < docs.kafka_offset)
            SELECT count(*), coalesce(max(kafka_offset), -1) FROM batch""".formatted(
            SearchDocuments.entity("e"), SearchDocuments.document("e"), SearchDocuments.isCurrent("e"));

    private record Range(long from, long projectedTo) {
    }

    private record Step(long looked, long lastOffset) {
    }

    private final Database database;
    private final int batchSize;
    private final ProjectorPace pace;
    private final Deferral deferral;
    private final ProjectedTenants waiting;
    private final long sweepNanos;
    private final LongSupplier nanoTime;
    private final Counter indexed;
    private final Counter deferred;
    /** Whether the next turn sweeps: at start, after a sweep that filled a round, and once sweepNanos have passed. */
    private boolean sweeping = true;
    private long lastSweep;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "search-indexer");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param deferral how long search may wait for a catching-up projector before it takes a turn anyway
     * @param waiting  the tenants the projector in this process moved
     * @param sweep    how often to look across all tenants as well
     * @param nanoTime a monotonic clock, {@code System::nanoTime} outside tests
     */
    SearchIndexer(Database database, int batchSize, MeterRegistry registry, ProjectorPace pace, Duration deferral,
                  ProjectedTenants waiting, Duration sweep, LongSupplier nanoTime) {
        this.database = database;
        this.batchSize = batchSize;
        this.pace = pace;
        this.deferral = new Deferral(deferral);
        this.waiting = waiting;
        this.sweepNanos = sweep.toNanos();
        this.nanoTime = nanoTime;
        this.indexed = Counter.builder("contextstore.search.indexed")
                .description("Projected events the search indexer has looked at").register(registry);
        this.deferred = Counter.builder("contextstore.search.deferred")
                .description("Turns the search indexer left to a projector catching up with its log").register(registry);
    }

    /** The first turn waits one interval too: a pass begun at once would run into the projector's first polls. */
    void start(Duration interval) {
        scheduler.scheduleWithFixedDelay(this::takeTurnQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * One turn of the scheduled loop; answers how many events it looked at. While the projector keeps up, indexes until
     * no tenant waits or the projector starts catching up; while it catches up, nothing, or, once search has waited its
     * limit, one round.
     */
    long takeTurn() {
        boolean catchingUp = pace.catchingUp();
        if (!deferral.indexNow(catchingUp, nanoTime.getAsLong())) {
            deferred.increment();
            return 0;
        }
        if (catchingUp) {
            sweepIfDue();
            return round(false);
        }
        return indexPending();
    }

    /** Indexes until no tenant waits (a sweep's included) or the projector starts catching up; answers how many events. */
    long indexPending() {
        long total = 0;
        do {
            sweepIfDue();
            total += round(true);
        } while ((sweeping || !waiting.isEmpty()) && !mustStop(true));
        return total;
    }

    /** Adds the tenants whose search lags, a round's worth, when a sweep is due. */
    private void sweepIfDue() {
        long now = nanoTime.getAsLong();
        if (!sweeping && now - lastSweep < sweepNanos) {
            return;
        }
        List<UUID> lagging = database.withoutTenant(jdbc -> jdbc.sql(LAGGING).query(UUID.class).list());
        waiting.moved(lagging);
        sweeping = lagging.size() == ROUND; // more may lag: sweep again once this round is indexed
        lastSweep = now;
    }

    /** Catches up the waiting tenants: all, unless the projector starts catching up (yielding); else one round of them. */
    private long round(boolean yielding) {
        long total = 0;
        // a yielding pass takes every tenant waiting, in turn: none waits behind tenants the projector keeps moving
        for (UUID tenant : waiting.waiting(yielding ? Integer.MAX_VALUE : ROUND)) {
            if (mustStop(yielding)) {
                break;
            }
            if (waiting.take(tenant)) { // taken first: a commit that moves it meanwhile hands it back
                total += catchUp(tenant, yielding);
            }
        }
        return total;
    }

    /** Closing, or (for a yielding pass) a projector catching up: either way, between two committed batches. */
    private boolean mustStop(boolean yielding) {
        return scheduler.isShutdown() || yielding && pace.catchingUp();
    }

    private void takeTurnQuietly() {
        try {
            takeTurn();
        } catch (RuntimeException e) {
            // no message: a database error may quote a row; the class says enough to alert on
            log.warn("Search indexing failed ({}); retrying at the next interval", e.getClass().getSimpleName());
        }
    }

    /**
     * One tenant, a batch per transaction; a yielding catch-up stops between batches too, for one large tenant. A
     * tenant left with more to index, by a stop or a failure, waits again.
     */
    private long catchUp(UUID tenant, boolean yielding) {
        long looked = 0;
        boolean caughtUp = false;
        try {
            Step step;
            do {
                step = database.inTenant(tenant, jdbc -> step(jdbc, tenant));
                looked += step.looked();
                indexed.increment(step.looked());
                // each batch commits: stopping between loses nothing
            } while (step.looked() == batchSize && !mustStop(yielding));
            caughtUp = step.looked() < batchSize;
        } finally {
            if (!caughtUp) {
                waiting.moved(List.of(tenant));
            }
        }
        return looked;
    }

    private Step step(JdbcClient jdbc, UUID tenant) {
        jdbc.sql(POSITION).param(tenant).update();
        Range range = jdbc.sql(LOCK).param(tenant).query((rs, n) -> new Range(rs.getLong(1), rs.getLong(2)))
                .optional().orElse(null);
        if (range == null || range.from() >= range.projectedTo()) {
            return new Step(0, range == null ? -1 : range.from()); // a deleted tenant has nothing left to index
        }
        Step step = jdbc.sql(INDEX).params(tenant, range.from(), range.projectedTo(), batchSize, tenant)
                .query((rs, n) -> new Step(rs.getLong(1), rs.getLong(2))).single();
        // a short batch reached the projected position: everything up to it is looked at
        long to = step.looked() < batchSize ? range.projectedTo() : step.lastOffset();
        jdbc.sql("UPDATE search_positions SET indexed_to = ? WHERE tenant_id = ?").params(to, tenant).update();
        return step;
    }

    /**
     * Lets a pass under way end after its current batch, then stops. Interrupting it instead made the driver close the
     * socket under a running statement: a "connection marked as broken" warning with a stack trace at every stop.
     */
    @Override
    public void close() {
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
