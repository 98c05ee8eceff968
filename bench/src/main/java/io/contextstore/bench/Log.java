package io.contextstore.bench;

import io.contextstore.events.CloudEventHeaders;
import io.contextstore.events.ContextEvent;
import io.contextstore.events.topic.Topics;
import io.contextstore.testing.TopicReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writing the log fast (to prefill it) and telling when the projector has caught up with it. */
final class Log {

    /** Where the projector stands on each partition of the log: its offsets, committed with its rows. */
    static final String PROJECTED = "SELECT kafka_partition, next_offset FROM projector_offsets"
            + " WHERE topic = 'context.events'";

    private final BenchStack stack;

    Log(BenchStack stack) {
        this.stack = stack;
    }

    /** Appends {@code perTenant} decisions for each tenant, interleaved, and waits for every acknowledgement. */
    void prefill(List<UUID> tenants, int perTenant, String run) {
        prefill(tenants, perTenant, run, event -> event);
    }

    /** The same, each event passed through {@code seal} first (sealed under its tenant's key, or as it is). */
    void prefill(List<UUID> tenants, int perTenant, String run, java.util.function.UnaryOperator<ContextEvent> seal) {
        try (KafkaProducer<String, ContextEvent> producer = new KafkaProducer<>(Map.of("bootstrap.servers", stack.kafka(),
                "acks", "all", "enable.idempotence", true, "linger.ms", 20, "batch.size", 262144,
                "compression.type", "lz4"), Topics.CONTEXT_EVENTS.keySerializer(), Topics.CONTEXT_EVENTS.valueSerializer())) {
            for (int n = 0; n < perTenant; n++) {
                for (UUID tenant : tenants) {
                    ContextEvent event = seal.apply(Items.event(tenant, run, n));
                    producer.send(new ProducerRecord<>(Topics.CONTEXT_EVENTS.name(), null, tenant.toString(), event,
                            CloudEventHeaders.of(event)));
                }
            }
            producer.flush();
        }
    }

    /** The end of each partition of the log as the projector can read it (read committed), now. */
    Map<Integer, Long> endOffsets() {
        return new TopicReader(stack.kafka()).endOffsets(Topics.CONTEXT_EVENTS.name());
    }

    /**
     * Waits until the projector has passed the given end of every partition; returns how long that took.
     * Partition by partition: a sum over partitions would count one partition's progress past the end
     * (events still arriving there) for another partition that is behind. One connection looks through the whole wait:
     * a new one for each look, twenty a second, cost the machine a PostgreSQL backend and a SCRAM exchange each, inside
     * the projector's clock (bench/profiling.md, 7 December 2026, 20:10-21:15).
     */
    Duration awaitProjected(Map<Integer, Long> end, Duration timeout) {
        long started = System.nanoTime();
        try (Connection c = DriverManager.getConnection(stack.databaseUrl(), "cs_owner", stack.ownerPassword());
             PreparedStatement projected = c.prepareStatement(PROJECTED)) {
            while (!passed(positions(projected), end)) {
                if (System.nanoTime() - started > timeout.toNanos()) {
                    throw new IllegalStateException("projector did not catch up within " + timeout);
                }
                pause(50);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** Where the projector stands on each partition. */
    private static Map<Integer, Long> positions(PreparedStatement projected) throws SQLException {
        Map<Integer, Long> positions = new java.util.HashMap<>();
        try (ResultSet rs = projected.executeQuery()) {
            while (rs.next()) {
                positions.put(rs.getInt(1), rs.getLong(2));
            }
        }
        return positions;
    }

    /**
     * Marks everything projected so far as indexed for search, without indexing it, and answers for how many tenants.
     * A section that measures steady traffic starts with search caught up: since ADR 44 the indexer leaves a
     * catch-up's events for afterwards, and it indexes about 1,600 of the bench's decisions a second (the search
     * section's load: 1,574 events/s in the recorded run), so working off the millions earlier sections projected
     * would outlast the rest of the run. The owner lifts its own FORCE for the copy, as V7 did, in one transaction.
     */
    int markIndexed() {
        try (Connection c = DriverManager.getConnection(stack.databaseUrl(), "cs_owner", stack.ownerPassword());
             Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("ALTER TABLE search_positions NO FORCE ROW LEVEL SECURITY");
            int tenants = s.executeUpdate("INSERT INTO search_positions (tenant_id, indexed_to)"
                    + " SELECT tenant_id, projected_to FROM search_lagging(2147483647) ON CONFLICT (tenant_id)"
                    + " DO UPDATE SET indexed_to = greatest(search_positions.indexed_to, excluded.indexed_to)");
            s.execute("ALTER TABLE search_positions FORCE ROW LEVEL SECURITY");
            c.commit();
            return tenants;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Vacuums the whole database, then checkpoints; answers how long that took. The sections before a steady rate
     * load millions of events in minutes, and autovacuum's first pass over those pages (a gigabyte and more, throttled)
     * then ran through the rates: it dirtied every page again, the kernel wrote them back in bursts, and the rates'
     * commits waited behind the bursts (bench/profiling.md). Under a steady load alone each pass covers only the pages
     * written since the one before.
     */
    Duration settle() {
        long started = System.nanoTime();
        try (Connection c = stack.superuser();
             Statement s = c.createStatement()) {
            s.execute("VACUUM (ANALYZE)");
            s.execute("CHECKPOINT");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private static boolean passed(Map<Integer, Long> projected, Map<Integer, Long> end) {
        return end.entrySet().stream().allMatch(e -> e.getValue() == 0 || projected.getOrDefault(e.getKey(), 0L) >= e.getValue());
    }

    static void pause(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
