package io.contextstore.stack.audit;

import io.contextstore.events.topic.Topics;
import io.contextstore.platform.crypto.SubjectKeys;
import io.contextstore.platform.db.Database;
import io.contextstore.platform.db.Migrations;
import io.contextstore.platform.db.ServiceRole;
import io.contextstore.projector.rebuild.CatchUp;
import io.contextstore.projector.rebuild.Rebuild;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * Rebuilds one tenant's (or every tenant's) read model from the log into a scratch schema, aligns it
 * with the live read model's offsets, and compares the two table by table, tenant by tenant. The
 * live side is read in one repeatable-read snapshot taken at the offsets the scratch schema is
 * brought to, so a busy system compares like with like.
 */
final class Verify {

    record Report(List<ReadModelComparison.TableResult> tables, int tenants, Duration rebuildTook, Duration took) {

        List<ReadModelComparison.TableResult> differences() {
            return tables.stream().filter(t -> !t.identical()).toList();
        }
    }

    private final Endpoints endpoints;
    private final String liveSchema;
    private final String scratchSchema;
    private final Duration liveWait;
    private final Clock clock;

    Verify(Endpoints endpoints, String liveSchema, String scratchSchema, Duration liveWait, Clock clock) {
        this.endpoints = endpoints;
        this.liveSchema = liveSchema;
        this.scratchSchema = scratchSchema;
        this.liveWait = liveWait;
        this.clock = clock;
    }

    Report run(Optional<UUID> tenant, boolean keepScratch, ProgressMeter progress) throws SQLException {
        long started = clock.millis();
        AuditCommand.required(endpoints.ownerPassword(), "owner password (--owner-password)");
        AuditCommand.required(endpoints.bootstrapServers(), "--bootstrap-servers");
        Migrations.dropSchema(endpoints.databaseUrl(), endpoints.owner(), endpoints.ownerPassword(), scratchSchema);
        Migrations.migrateSchema(endpoints.databaseUrl(), endpoints.owner(), endpoints.ownerPassword(), scratchSchema);
        Set<UUID> seen = new TreeSet<>();
        Predicate<UUID> selected = id -> {
            seen.add(id);
            return tenant.map(id::equals).orElse(true);
        };
        SubjectKeys keys = endpoints.subjectKeys();
        try (Database projector = Database.connect(endpoints.settings(ServiceRole.PROJECTOR, 2), "audit-verify-projector");
             Database auditor = Database.connect(endpoints.settings(ServiceRole.AUDITOR, 2), "audit-verify-auditor")) {
            Rebuild.Result rebuilt = new Rebuild(endpoints.bootstrapServers(), projector, keys)
                    .into(scratchSchema, selected, progress::update);
            progress.finish(rebuilt.records());
            List<Integer> partitions = tenant.map(t -> List.of(Topics.CONTEXT_EVENTS.partitionOf(t.toString(), rebuilt.endOffsets().size())))
                    .orElseGet(() -> new ArrayList<>(rebuilt.endOffsets().keySet()));
            Duration rebuildTook = Duration.ofMillis(clock.millis() - started);
            try (CatchUp catchUp = new CatchUp(endpoints.bootstrapServers(), projector, scratchSchema, keys);
                 Connection live = auditor.dataSource().getConnection();
                 Connection scratch = auditor.dataSource().getConnection()) {
                snapshotAligned(live, catchUp, partitions, selected);
                begin(scratch);
                List<ReadModelComparison.TableResult> results = new ArrayList<>();
                List<UUID> tenants = tenant.map(List::of).orElseGet(() -> List.copyOf(seen));
                for (UUID id : tenants) {
                    for (ReadModelTables.Table table : ReadModelTables.TENANT_TABLES) {
                        results.add(ReadModelComparison.compare(table, id, live, liveSchema, scratch, scratchSchema));
                    }
                }
                if (tenant.isEmpty()) {
                    results.add(ReadModelComparison.compare(ReadModelTables.FAILURES, null, live, liveSchema, scratch,
                            scratchSchema));
                }
                live.rollback();
                scratch.rollback();
                return new Report(results, tenants.size(), rebuildTook, Duration.ofMillis(clock.millis() - started));
            }
        } finally {
            if (!keepScratch) {
                Migrations.dropSchema(endpoints.databaseUrl(), endpoints.owner(), endpoints.ownerPassword(), scratchSchema);
            }
        }
    }

    /**
     * Leaves {@code live} in a repeatable-read transaction whose snapshot has the live projector at
     * offsets L, and the scratch schema caught up to exactly L. Waits (bounded) while the live
     * projector is still behind what the rebuild already read.
     */
    private void snapshotAligned(Connection live, CatchUp catchUp, List<Integer> partitions, Predicate<UUID> selected)
            throws SQLException {
        long deadline = clock.millis() + liveWait.toMillis();
        while (true) {
            begin(live);
            Map<Integer, Long> liveOffsets = liveOffsets(live, partitions);
            Map<Integer, Long> scratchOffsets = catchUp.positions(partitions);
            Optional<Integer> behind = partitions.stream()
                    .filter(p -> liveOffsets.get(p) < scratchOffsets.get(p)).findFirst();
            if (behind.isEmpty()) {
                catchUp.to(liveOffsets, selected);
                return;
            }
            live.rollback();
            if (clock.millis() > deadline) {
                throw new IllegalStateException("the live projector stayed behind the log on partition " + behind.get()
                        + " (at " + liveOffsets.get(behind.get()) + ", the log at " + scratchOffsets.get(behind.get())
                        + ") for " + liveWait.toSeconds() + " s; is it running?");
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
    }

    private Map<Integer, Long> liveOffsets(Connection live, List<Integer> partitions) throws SQLException {
        Map<Integer, Long> offsets = new HashMap<>();
        partitions.forEach(p -> offsets.put(p, 0L));
        try (PreparedStatement statement = live.prepareStatement("SELECT kafka_partition, next_offset FROM "
                + ReadModelComparison.quote(liveSchema) + ".projector_offsets WHERE topic = ?")) {
            statement.setString(1, Topics.CONTEXT_EVENTS.name());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    if (offsets.containsKey(rs.getInt(1))) {
                        offsets.put(rs.getInt(1), rs.getLong(2));
                    }
                }
            }
        }
        return offsets;
    }

    private static void begin(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        connection.setReadOnly(true);
    }
}
