package io.contextstore.query.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** The audit chain the projector stored for one tenant: its head, and its links in offset order. */
final class ChainReader {

    /** The head of a tenant with no kept events (the projector's genesis value). */
    static final String GENESIS = "0".repeat(64);
    private static final int FETCH_SIZE = 2000;

    private ChainReader() {
    }

    /** {@code tenant_streams} and the projector's progress on the tenant's partition; run in the tenant's scope. */
    static Map<String, Object> head(JdbcClient jdbc, String tenant) {
        Map<String, Object> head = new LinkedHashMap<>();
        head.put("tenant_id", tenant);
        head.put("partition", null);
        head.put("chain_head", GENESIS);
        head.put("events", 0L);
        head.put("last_offset", -1L);
        head.put("watermark", 0L);
        jdbc.sql("""
                        SELECT s.kafka_partition, s.chain_head, s.events, s.last_offset, coalesce(o.next_offset, 0)
                        FROM tenant_streams s LEFT JOIN projector_offsets o
                          ON o.topic = 'context.events' AND o.kafka_partition = s.kafka_partition""")
                .query(rs -> {
                    head.put("partition", rs.getInt(1));
                    head.put("chain_head", rs.getString(2));
                    head.put("events", rs.getLong(3));
                    head.put("last_offset", rs.getLong(4));
                    head.put("watermark", rs.getLong(5));
                });
        return head;
    }

    /** Writes one line per kept event at or after {@code fromOffset}: offset, event id, content hash, chain. */
    static void links(JdbcClient jdbc, long fromOffset, JsonMapper json, OutputStream out) {
        jdbc.sql("""
                        SELECT kafka_offset, coalesce(log_hash, content_hash), chain, event_id FROM context_events
                        WHERE kafka_offset >= ? ORDER BY kafka_offset""")
                .param(fromOffset)
                .withFetchSize(FETCH_SIZE)
                .query(rs -> {
                    Map<String, Object> link = new LinkedHashMap<>();
                    link.put("offset", rs.getLong(1));
                    link.put("id", rs.getString(4));
                    link.put("content_hash", rs.getString(2));
                    link.put("chain", rs.getString(3));
                    write(json, out, link);
                });
    }

    static void write(JsonMapper json, OutputStream out, Object line) {
        try {
            out.write(json.writeValueAsBytes(line));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
