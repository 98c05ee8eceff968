package io.contextstore.projector.store;

import io.contextstore.platform.db.ProjectionSignal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The offset rows of the partitions in one poll's transaction: all locked by its first statement and all moved by its
 * last, so a poll pays two round trips for its offsets, not a few per partition. Rows are locked in partition order,
 * so two writers that both believe they own partitions (a zombie after a rebalance) wait for each other and never
 * deadlock, and the later one finds the offsets the earlier one committed.
 */
final class PollOffsets {

    /** Creates a missing row at 0; the no-op update locks an existing one and answers its latest committed offset. */
    private static final String LOCK = """
            INSERT INTO projector_offsets (topic, kafka_partition, next_offset)
            SELECT ?, p, 0 FROM unnest(?::int[]) p ORDER BY p
            ON CONFLICT (topic, kafka_partition) DO UPDATE SET next_offset = projector_offsets.next_offset
            RETURNING kafka_partition, next_offset""";

    /** A data-modifying WITH runs to completion whether or not the query reads it: the update needs no answer. */
    private static final String MOVE = """
            WITH moved AS (UPDATE projector_offsets o SET next_offset = v.next_offset
                           FROM unnest(?::int[], ?::int8[]) AS v (kafka_partition, next_offset)
                           WHERE o.topic = ? AND o.kafka_partition = v.kafka_partition)
            SELECT count(*) FROM (SELECT pg_notify(?, s) FROM unnest(?::text[]) s) sent""";

    private PollOffsets() {
    }

    /** Locks the partitions' rows; answers each one's stored next offset (0 when never projected). */
    static Map<Integer, Long> lock(JdbcClient jdbc, String topic, List<Integer> partitions) {
        Map<Integer, Long> stored = new HashMap<>();
        jdbc.sql(LOCK).param(topic).param(partitions.toArray(Integer[]::new))
                .query((rs, n) -> stored.put(rs.getInt(1), rs.getLong(2))).list();
        return stored;
    }

    /**
     * Moves each partition to its next offset and, at commit, wakes the streams and pulls waiting for the tenants it
     * moved ({@code signals}: tenant to position; empty for a schema that is not the live read model).
     */
    static void move(JdbcClient jdbc, String topic, SortedMap<Integer, Long> next, Map<UUID, Long> signals) {
        jdbc.sql(MOVE).param(next.keySet().toArray(Integer[]::new)).param(next.values().toArray(Long[]::new))
                .param(topic).param(ProjectionSignal.CHANNEL).param(Signals.payloads(signals))
                .query((rs, n) -> rs.getLong(1)).single();
    }
}
