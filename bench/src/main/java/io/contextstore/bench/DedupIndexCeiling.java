package io.contextstore.bench;

import io.contextstore.platform.db.ServiceRole;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The other ceiling under a push: I2 wants a push's dedup-index rows committed before its 2xx, so no batched
 * ingest can outrun PostgreSQL writing those rows. This writes the same rows, as the ingest role under the same
 * row-level security, one transaction per batch (rows as one array per column, as ingest sends them), and
 * nothing else: no lookup, no Kafka, no HTTP.
 */
final class DedupIndexCeiling {

    private final BenchStack stack;

    DedupIndexCeiling(BenchStack stack) {
        this.stack = stack;
    }

    /** Rows per second over {@code clients} connections, each committing {@code batches} batches of {@code batchSize} rows. */
    Scenarios.Figure figure(int clients, int batches, int batchSize) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            CoreTime cores = stack.cores();
            long started = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                running.add(pool.submit(() -> {
                    write(batches, batchSize);
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
            long rows = (long) clients * batches * batchSize;
            double seconds = (System.nanoTime() - started) / 1e9;
            return new Scenarios.Figure(rows / seconds, null, rows, cores.spentSince());
        } finally {
            pool.shutdownNow();
        }
    }

    private void write(int batches, int batchSize) throws SQLException {
        UUID tenant = UUID.randomUUID();
        try (Connection c = DriverManager.getConnection(stack.databaseUrl(), ServiceRole.INGEST.roleName(),
                stack.settings(ServiceRole.INGEST).password());
             PreparedStatement scope = c.prepareStatement("SELECT set_config('app.tenant_id', ?, true)");
             PreparedStatement insert = c.prepareStatement("""
                     INSERT INTO dedup_index (tenant_id, event_id, content_hash, kafka_partition, kafka_offset, kind,
                         scope_level, scope_project, item_id)
                     SELECT ?, * FROM unnest(?::uuid[], ?::text[], ?::int[], ?::bigint[], ?::text[], ?::text[], ?::text[],
                         ?::uuid[])
                     ON CONFLICT (tenant_id, event_id) DO NOTHING RETURNING event_id""")) {
            c.setAutoCommit(false);
            long offset = 0;
            for (int b = 0; b < batches; b++) {
                UUID[] ids = new UUID[batchSize];
                String[] hashes = new String[batchSize];
                Integer[] partitions = new Integer[batchSize];
                Long[] offsets = new Long[batchSize];
                String[] kinds = new String[batchSize];
                String[] levels = new String[batchSize];
                for (int i = 0; i < batchSize; i++) {
                    ids[i] = UUID.randomUUID();
                    byte[] hash = new byte[32];
                    ThreadLocalRandom.current().nextBytes(hash);
                    hashes[i] = HexFormat.of().formatHex(hash);
                    partitions[i] = 0;
                    offsets[i] = offset++;
                    kinds[i] = "decision";
                    levels[i] = "team";
                }
                scope.setString(1, tenant.toString());
                scope.execute();
                insert.setObject(1, tenant);
                insert.setArray(2, c.createArrayOf("uuid", ids));
                insert.setArray(3, c.createArrayOf("text", hashes));
                insert.setArray(4, c.createArrayOf("int4", partitions));
                insert.setArray(5, c.createArrayOf("int8", offsets));
                insert.setArray(6, c.createArrayOf("text", kinds));
                insert.setArray(7, c.createArrayOf("text", levels));
                insert.setArray(8, c.createArrayOf("text", new String[batchSize]));
                insert.setArray(9, c.createArrayOf("uuid", new UUID[batchSize]));
                insert.executeQuery().close();
                c.commit();
            }
        }
    }
}
