package io.contextstore.bench;

import io.contextstore.events.topic.Topics;
import io.contextstore.platform.db.Database;
import io.contextstore.platform.db.Migrations;
import io.contextstore.platform.db.ServiceRole;
import io.contextstore.projector.rebuild.CatchUp;
import io.contextstore.projector.store.ReadModelWriter;
import java.time.Duration;
import java.util.List;

/**
 * An audit's catch-up over the stretch of the log a projector run just applied, into a scratch schema: the loop
 * behind {@code audit verify}, {@code audit rebuild-live}'s catch-ups and a rebuild ({@link CatchUp}), with the live
 * projector's code and poll, on one consumer and one connection. Closing drops the schema.
 */
final class CatchUpScenario implements AutoCloseable {

    private static final String SCHEMA = "bench_catch_up";

    record Result(long events, Duration took, CoreTime.Spent spent) {
        double eventsPerSecond() {
            return events / (took.toNanos() / 1e9);
        }
    }

    private final BenchStack stack;
    private final Database database;
    private final CatchUp catchUp;
    /** Moves the schema's stored offsets to a stretch's start: the log before it is not the load's. */
    private final ReadModelWriter offsets;

    CatchUpScenario(BenchStack stack) {
        this.stack = stack;
        Migrations.dropSchema(stack.databaseUrl(), "cs_owner", stack.ownerPassword(), SCHEMA);
        Migrations.migrateSchema(stack.databaseUrl(), "cs_owner", stack.ownerPassword(), SCHEMA);
        this.database = Database.connect(stack.settings(ServiceRole.PROJECTOR), "bench-catch-up");
        this.catchUp = new CatchUp(stack.kafka(), database, SCHEMA, null);
        this.offsets = new ReadModelWriter(database, Topics.CONTEXT_EVENTS.name(), SCHEMA, null);
    }

    /** Projects the stretch, every tenant's events; fails unless it read as many as {@code events}. */
    Result run(LogRead.Range stretch, long events) {
        stretch.from().forEach((partition, start) -> offsets.apply(partition, List.of(), List.of(), start));
        CoreTime cores = CoreTime.now();
        long started = System.nanoTime();
        long records = catchUp.to(stretch.to(), tenant -> true);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        CoreTime.Spent spent = cores.spentSince();
        if (records != events) { // a catch-up that projected less measured less
            throw new IllegalStateException("the catch-up read " + records + " records of " + events);
        }
        return new Result(records, took, spent);
    }

    @Override
    public void close() {
        catchUp.close();
        database.close();
        Migrations.dropSchema(stack.databaseUrl(), "cs_owner", stack.ownerPassword(), SCHEMA);
    }
}
