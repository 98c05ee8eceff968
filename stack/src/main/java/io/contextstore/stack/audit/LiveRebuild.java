package io.contextstore.stack.audit;

import io.contextstore.platform.crypto.SubjectKeys;
import io.contextstore.platform.db.Database;
import io.contextstore.platform.db.Migrations;
import io.contextstore.platform.db.ServiceRole;
import io.contextstore.projector.rebuild.CatchUp;
import io.contextstore.projector.rebuild.Rebuild;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds the live read model from the log without stopping pulls: project the whole log into a
 * schema beside the live one (the live projector and pulls carry on), catch it up until it is a few
 * records behind the live projector, then switch ({@link TableSwap}). The live projector continues
 * from the rebuilt tables' offsets, which the switch made equal to (or past) its own.
 */
final class LiveRebuild {

    /** @param vacuumTook of {@code rebuildTook}, the vacuum of the rebuilt tables */
    record Report(long records, Duration rebuildTook, Duration vacuumTook, int catchUpRounds, TableSwap.Outcome switched,
                  boolean retiredKept, Duration took) {
    }

    /** Catch up before the switch until at most this many records remain, so the locked window is short. */
    private static final long SWITCH_LAG = 1000;
    private static final int MAX_CATCH_UP_ROUNDS = 20;
    private static final int MAX_SWITCH_ATTEMPTS = 50;
    private static final Duration LOCK_TIMEOUT = Duration.ofMillis(500);

    private final Endpoints endpoints;
    private final String liveSchema;
    private final Clock clock;

    LiveRebuild(Endpoints endpoints, String liveSchema, Clock clock) {
        this.endpoints = endpoints;
        this.liveSchema = liveSchema;
        this.clock = clock;
    }

    Report run(String rebuiltSchema, String retiredSchema, boolean keepRetired, ProgressMeter progress)
            throws SQLException {
        long started = clock.millis();
        AuditCommand.required(endpoints.ownerPassword(), "owner password (--owner-password)");
        AuditCommand.required(endpoints.bootstrapServers(), "--bootstrap-servers");
        if (schemaExists(retiredSchema)) {
            throw new IllegalStateException("schema " + retiredSchema + " exists (kept by an earlier rebuild?); "
                    + "drop it or name another with --retired-schema");
        }
        Migrations.dropSchema(endpoints.databaseUrl(), endpoints.owner(), endpoints.ownerPassword(), rebuiltSchema);
        Migrations.migrateSchema(endpoints.databaseUrl(), endpoints.owner(), endpoints.ownerPassword(), rebuiltSchema);
        SubjectKeys keys = endpoints.subjectKeys();
        try (Database projector = Database.connect(endpoints.settings(ServiceRole.PROJECTOR, 2), "audit-rebuild-live")) {
            Rebuild.Result rebuilt = new Rebuild(endpoints.bootstrapServers(), projector, keys)
                    .into(rebuiltSchema, tenant -> true, progress::update);
            progress.finish(rebuilt.records());
            long vacuumStarted = clock.millis();
            vacuum(rebuiltSchema);
            Duration vacuumTook = Duration.ofMillis(clock.millis() - vacuumStarted);
            Duration rebuildTook = Duration.ofMillis(clock.millis() - started);
            List<Integer> partitions = new ArrayList<>(rebuilt.endOffsets().keySet());
            try (CatchUp catchUp = new CatchUp(endpoints.bootstrapServers(), projector, rebuiltSchema, keys)) {
                int rounds = 0;
                long records = rebuilt.records();
                while (rounds < MAX_CATCH_UP_ROUNDS) {
                    Map<Integer, Long> target = CatchUp.positions(projector, liveSchema, partitions);
                    long lag = lag(target, catchUp.positions(partitions));
                    if (lag <= SWITCH_LAG) {
                        break;
                    }
                    records += catchUp.to(target, tenant -> true);
                    rounds++;
                }
                TableSwap.Outcome outcome = new TableSwap(endpoints, liveSchema, clock)
                        .swap(rebuiltSchema, retiredSchema, catchUp, MAX_SWITCH_ATTEMPTS, LOCK_TIMEOUT);
                if (!keepRetired) {
                    Migrations.dropSchema(endpoints.databaseUrl(), endpoints.owner(), endpoints.ownerPassword(), retiredSchema);
                }
                return new Report(records + outcome.caughtUp(), rebuildTook, vacuumTook, rounds, outcome, keepRetired,
                        Duration.ofMillis(clock.millis() - started));
            }
        } finally {
            // after a switch it holds only copies of the tables that are not rebuilt (tenants, keys, ...)
            Migrations.dropSchema(endpoints.databaseUrl(), endpoints.owner(), endpoints.ownerPassword(), rebuiltSchema);
        }
    }

    /**
     * Vacuums and analyzes the rebuilt tables before they go live. Every page of them is new: left to autovacuum, its
     * first pass over all of them would run under live traffic, and in the benchmark such a pass made commits of pushes
     * and of the projector wait behind the writes it caused (bench/profiling.md, 5 December 2026, late night); and until
     * its analyze the planner would have no statistics of them.
     */
    private void vacuum(String schema) throws SQLException {
        try (Connection owner = DriverManager.getConnection(endpoints.databaseUrl(), endpoints.owner(), endpoints.ownerPassword());
             Statement statement = owner.createStatement()) {
            for (String table : ReadModelTables.SWAPPED) {
                statement.execute("VACUUM (ANALYZE) " + ReadModelComparison.quote(schema) + "." + ReadModelComparison.quote(table));
            }
        }
    }

    private static long lag(Map<Integer, Long> live, Map<Integer, Long> rebuilt) {
        return live.entrySet().stream().mapToLong(e -> Math.max(0, e.getValue() - rebuilt.get(e.getKey()))).sum();
    }

    private boolean schemaExists(String schema) throws SQLException {
        try (Connection owner = DriverManager.getConnection(endpoints.databaseUrl(), endpoints.owner(), endpoints.ownerPassword());
             PreparedStatement statement = owner.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
            statement.setString(1, schema);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        }
    }
}
