package io.contextstore.projector.search;

import io.contextstore.platform.db.Database;
import io.contextstore.platform.search.SearchDocuments;
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
 * The projector notes how far each tenant is projected ({@code tenant_streams.last_offset}, read across
 * tenants through {@code search_lagging()}); this indexes a tenant's events up to there and moves its
 * {@code search_positions} row in the same transaction, so each event is indexed once in effect whatever
 * crashes or how many projector instances run (the position row is locked first, so two indexers
 * serialize). The tsvector, the costly part of search, is computed here and never inside the projector's
 * transaction. While the projector catches up with its log, the indexer yields to it, up to a limit (ADR 44).
 */
final class SearchIndexer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SearchIndexer.class);

    /** Tenants whose search lags their projection, a bounded number at a time. */
    private static final String PENDING = "SELECT tenant_id, projected_to FROM search_lagging(64)";

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

    private record Pending(UUID tenant, long projectedTo) {
    }

    private record Step(long looked, long lastOffset) {
    }

    private final Database database;
    private final int batchSize;
    private final ProjectorPace pace;
    private final Deferral deferral;
    private final LongSupplier nanoTime;
    private final Counter indexed;
    private final Counter deferred;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "search-indexer");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param deferral how long search may wait for a catching-up projector before it takes a turn anyway
     * @param nanoTime a monotonic clock, {@code System::nanoTime} outside tests
     */
    SearchIndexer(Database database, int batchSize, MeterRegistry registry, ProjectorPace pace, Duration deferral,
                  LongSupplier nanoTime) {
        this.database = database;
        this.batchSize = batchSize;
        this.pace = pace;
        this.deferral = new Deferral(deferral);
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
     * no tenant's search lags or the projector starts catching up; while it catches up, nothing, or, once search has
     * waited its limit, one round of the lagging tenants.
     */
    long takeTurn() {
        boolean catchingUp = pace.catchingUp();
        if (!deferral.indexNow(catchingUp, nanoTime.getAsLong())) {
            deferred.increment();
            return 0;
        }
        return catchingUp ? round(pending(), false) : indexPending();
    }

    /**
     * Indexes until no tenant's search lags its projection or the projector starts catching up; answers how many events
     * it looked at.
     */
    long indexPending() {
        long total = 0;
        List<Pending> pending = pending();
        while (!pending.isEmpty() && !mustStop(true)) {
            total += round(pending, true);
            pending = mustStop(true) ? List.of() : pending();
        }
        return total;
    }

    /** Catches each tenant up to where it was projected; a yielding round stops for a catching-up projector. */
    private long round(List<Pending> tenants, boolean yielding) {
        long total = 0;
        for (Pending tenant : tenants) {
            if (mustStop(yielding)) {
                break;
            }
            total += catchUp(tenant, yielding);
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

    private List<Pending> pending() {
        return database.withoutTenant(jdbc -> jdbc.sql(PENDING)
                .query((rs, n) -> new Pending(rs.getObject(1, UUID.class), rs.getLong(2))).list());
    }

    /** One tenant, a batch per transaction; a yielding catch-up stops between batches too, for one large tenant. */
    private long catchUp(Pending tenant, boolean yielding) {
        long looked = 0;
        Step step;
        do {
            step = database.inTenant(tenant.tenant(), jdbc -> step(jdbc, tenant));
            looked += step.looked();
            indexed.increment(step.looked());
            // each batch commits: stopping between loses nothing
        } while (step.looked() == batchSize && !mustStop(yielding));
        return looked;
    }

    private Step step(JdbcClient jdbc, Pending tenant) {
        jdbc.sql("INSERT INTO search_positions (tenant_id, indexed_to) VALUES (?, -1) ON CONFLICT DO NOTHING")
                .param(tenant.tenant()).update();
        long from = jdbc.sql("SELECT indexed_to FROM search_positions WHERE tenant_id = ? FOR UPDATE")
                .param(tenant.tenant()).query(Long.class).single();
        if (from >= tenant.projectedTo()) {
            return new Step(0, from);
        }
        Step step = jdbc.sql(INDEX).params(tenant.tenant(), from, tenant.projectedTo(), batchSize, tenant.tenant())
                .query((rs, n) -> new Step(rs.getLong(1), rs.getLong(2))).single();
        // a short batch reached the projected position: everything up to it is looked at
        long to = step.looked() < batchSize ? tenant.projectedTo() : step.lastOffset();
        jdbc.sql("UPDATE search_positions SET indexed_to = ? WHERE tenant_id = ?").params(to, tenant.tenant()).update();
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
