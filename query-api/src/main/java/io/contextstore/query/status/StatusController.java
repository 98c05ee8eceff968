package io.contextstore.query.status;

import io.contextstore.events.EventKind;
import io.contextstore.platform.auth.AccessToken;
import io.contextstore.platform.db.Database;
import io.contextstore.platform.stats.SyncCounts;
import io.contextstore.query.QueryConfiguration;
import io.contextstore.query.ReadScope;
import io.contextstore.query.search.SearchWatermark;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/context/status}: the tenant's sync statistics and how far behind the log the projector is. */
@RestController
class StatusController {

    private final ReadScope scope;
    private final PartitionEnds ends;

    StatusController(@Qualifier(QueryConfiguration.DATABASE) Database database, PartitionEnds ends) {
        this.scope = new ReadScope(database);
        this.ends = ends;
    }

    @GetMapping({"/api/v1/context/status", "/api/v1/context/status/"})
    Map<String, Object> status(AccessToken token) {
        return scope.read(token, jdbc -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (EventKind kind : EventKind.values()) {
                counts.put(kind.wireName(), 0L);
            }
            // Only what the caller may read: the restrictive policy keeps a member to its own session-tier rows.
            jdbc.sql("SELECT kind, sum(events) FROM (" + SyncCounts.BY_GROUP + ") counts WHERE (? OR private_to IN ('', ?))"
                            + " GROUP BY kind")
                    .param(ReadScope.seesAllUsers(token)).param(token.userId())
                    .query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2))).list();
            Map<String, Object> stream = jdbc.sql("""
                            SELECT s.kafka_partition, s.last_offset, coalesce(o.next_offset, 0) AS next_offset
                            FROM tenant_streams s LEFT JOIN projector_offsets o
                              ON o.topic = 'context.events' AND o.kafka_partition = s.kafka_partition""")
                    .query().listOfRows().stream().findFirst().orElse(null);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("counts", counts);
            body.put("last_cursor", stream == null ? 0L : ((Number) stream.get("last_offset")).longValue() + 1);
            body.put("watermark", stream == null ? 0L : ((Number) stream.get("next_offset")).longValue());
            body.put("search_watermark", SearchWatermark.read(jdbc));
            body.put("partition", stream == null ? null : stream.get("kafka_partition"));
            body.put("projector_lag", stream == null ? null : ends.lag(((Number) stream.get("kafka_partition")).intValue(),
                    ((Number) stream.get("next_offset")).longValue()));
            return body;
        });
    }
}
