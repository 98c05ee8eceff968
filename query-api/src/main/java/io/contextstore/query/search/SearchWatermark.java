package io.contextstore.query.search;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How far search sees the tenant the transaction is scoped to: a position like a pull's watermark,
 * before which every event was indexed. Search indexes behind the projector (ADR 0030).
 */
public final class SearchWatermark {

    private SearchWatermark() {
    }

    public static long read(JdbcClient jdbc) {
        return jdbc.sql("SELECT indexed_to + 1 FROM search_positions"
                        + " WHERE tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid)")
                .query(Long.class).optional().orElse(0L);
    }
}
