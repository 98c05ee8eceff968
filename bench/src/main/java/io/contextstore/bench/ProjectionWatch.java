package io.contextstore.bench;

import io.contextstore.events.topic.Topics;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * When the projector committed each position: samples its offsets table every few milliseconds on one
 * connection, keeping each partition's changes with the time they were first seen. It splits a stream's
 * push → seen latency into push → projected and projected → seen, the second being the stream's own share.
 */
public final class ProjectionWatch implements AutoCloseable {

    private static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private record Change(long at, long nextOffset) {
    }

    private final Map<Integer, List<Change>> changes = new HashMap<>();
    private final Thread thread;
    private final int partitions;
    private volatile boolean running = true;

    ProjectionWatch(BenchStack stack, int partitions) {
        this.partitions = partitions;
        this.thread = new Thread(() -> sample(stack), "projection-watch");
        thread.setDaemon(true);
        thread.start();
    }

    /** The partition the ingest's producer sends a tenant's events to (Kafka's default partitioner on its key). */
    int partitionOf(UUID tenant) {
        return partitionOf(tenant, partitions);
    }

    public static int partitionOf(UUID tenant, int partitions) {
        return Topics.CONTEXT_EVENTS.partitionOf(tenant.toString(), partitions);
    }

    /** When the projector was first seen at or past {@code cursor} (its event's offset + 1), or -1 if it was not. */
    synchronized long projectedAt(int partition, long cursor) {
        for (Change change : changes.getOrDefault(partition, List.of())) {
            if (change.nextOffset() >= cursor) { // a cursor is the position after its event
                return change.at();
            }
        }
        return -1;
    }

    private void sample(BenchStack stack) {
        try (Connection c = DriverManager.getConnection(stack.databaseUrl(), "cs_owner", stack.ownerPassword());
             PreparedStatement s = c.prepareStatement(Log.PROJECTED)) {
            while (running) {
                long next = System.nanoTime() + INTERVAL_NANOS;
                try (ResultSet rs = s.executeQuery()) {
                    long now = System.nanoTime();
                    while (rs.next()) {
                        record(rs.getInt(1), rs.getLong(2), now);
                    }
                }
                LockSupport.parkNanos(Math.max(0, next - System.nanoTime()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private synchronized void record(int partition, long nextOffset, long now) {
        List<Change> list = changes.computeIfAbsent(partition, p -> new ArrayList<>());
        if (list.isEmpty() || list.get(list.size() - 1).nextOffset() != nextOffset) {
            list.add(new Change(now, nextOffset));
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(TimeUnit.SECONDS.toMillis(5));
    }
}
