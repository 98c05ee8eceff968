package io.contextstore.query.pull;

import io.contextstore.events.EventScope;
import io.contextstore.platform.auth.AccessToken;
import io.contextstore.query.ItemMarks;
import io.contextstore.query.ReadScope;
import io.contextstore.query.pull.decision.PullRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads pages of {@code context_events} and the tenant's watermark, as the caller: the one read path of
 * pulls, waiting pulls and streams, so all three show the caller the same events (ADR 38).
 */
public final class EventReader {

    private final ReadScope scope;

    public EventReader(ReadScope scope) {
        this.scope = scope;
    }

    /**
     * The position the projector has reached in the tenant's partition: every event below it is
     * projected. 0 if it has projected nothing of this tenant yet.
     */
    public long watermark(AccessToken token) {
        return scope.read(token, EventReader::watermark);
    }

    public PullPage page(AccessToken token, PullRequest request) {
        return scope.read(token, jdbc -> {
            // The watermark first: every event below it is committed, so it can be read after.
            long watermark = watermark(jdbc);
            List<EventView> events = events(jdbc, token, request, watermark);
            boolean hasMore = events.size() > request.limit();
            if (hasMore) {
                events = events.subList(0, request.limit());
            }
            long last = events.isEmpty() ? request.cursor() : events.get(events.size() - 1).cursor();
            long next = hasMore ? last : Math.max(last, Math.max(request.cursor(), watermark));
            return new PullPage(List.copyOf(events), next, hasMore, watermark, erasures(jdbc, request.cursor(), next),
                    new PullPage.ScopesView(readableProjects(jdbc, token)));
        });
    }

    /**
     * The projects the caller reads confined items of: through its teams, or every project for the roles that read
     * every scope. Read in the same transaction as the page, from the same membership the policies read.
     */
    private static List<String> readableProjects(JdbcClient jdbc, AccessToken token) {
        return jdbc.sql(ReadScope.seesAllUsers(token)
                        ? "SELECT project_id FROM projects ORDER BY project_id"
                        : "SELECT unnest(cs_access.readable_projects()) AS project_id ORDER BY project_id")
                .query(String.class).list();
    }

    private static long watermark(JdbcClient jdbc) {
        return jdbc.sql("""
                        SELECT coalesce(o.next_offset, 0) FROM tenant_streams s
                        LEFT JOIN projector_offsets o ON o.topic = 'context.events' AND o.kafka_partition = s.kafka_partition
                        WHERE s.tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid)""")
                .query(Long.class).optional().orElse(0L);
    }

    /** The users erased in [from, to): every page passes each erasure on once, as it does events. */
    private static List<PullPage.ErasureView> erasures(JdbcClient jdbc, long from, long to) {
        return jdbc.sql("""
                        SELECT kafka_offset, user_id FROM erased_subjects
                        WHERE kafka_offset >= ? AND kafka_offset < ? AND user_id IS NOT NULL ORDER BY kafka_offset""")
                .params(from, to).query((rs, n) -> new PullPage.ErasureView(rs.getLong(1), rs.getString(2))).list();
    }

    private static List<EventView> events(JdbcClient jdbc, AccessToken token, PullRequest request, long watermark) {
        StringBuilder sql = new StringBuilder("""
                SELECT e.kafka_offset, e.event_id, e.kind, e.user_id, e.device_id, e.project_id, e.content_hash,
                       e.client_seq, e.occurred_at, e.received_at, e.data::text, e.private_to IS NOT NULL AS personal,
                       e.project_scope,
                       v.item_id, v.supersedes, v.current, %s AS conflict
                FROM context_events e %s WHERE e.tenant_id = ? AND e.kafka_offset >= ? AND e.kafka_offset < ?"""
                .formatted(ItemMarks.conflict(), ItemMarks.join("e")));
        List<Object> params = new ArrayList<>(List.of(token.tenantId(), request.cursor(), watermark));
        if (!ReadScope.seesAllUsers(token)) {
            sql.append(" AND (e.private_to IS NULL OR e.private_to = ?)");
            params.add(token.userId());
        }
        if (!request.kinds().isEmpty()) {
            sql.append(" AND e.kind = ANY (?)");
            params.add(request.kinds().toArray(String[]::new));
        }
        if (request.projectId() != null) { // the items naming the project, and those shared into it (ADR 36)
            sql.append(" AND (e.project_id = ? OR e.project_scope = ?)");
            params.add(request.projectId());
            params.add(request.projectId());
        }
        sql.append(" ORDER BY e.kafka_offset LIMIT ?");
        params.add(request.limit() + 1);
        return jdbc.sql(sql.toString()).params(params).query(EventReader::view).list();
    }

    private static EventView view(ResultSet rs, int row) throws SQLException {
        long offset = rs.getLong("kafka_offset");
        return new EventView(offset + 1, offset, rs.getObject("event_id", UUID.class), rs.getString("kind"),
                rs.getString("user_id"), rs.getString("device_id"), rs.getString("project_id"),
                rs.getString("content_hash"), rs.getObject("client_seq", Long.class),
                rs.getTimestamp("occurred_at").toInstant(), rs.getTimestamp("received_at").toInstant(),
                rs.getString("data"), item(rs), scope(rs));
    }

    private static EventView.ScopeView scope(ResultSet rs) throws SQLException {
        EventScope scope = EventScope.ofStored(rs.getBoolean("personal"), rs.getString("project_scope"));
        return new EventView.ScopeView(scope.level().wireName(), scope.projectId());
    }

    private static EventView.ItemView item(ResultSet rs) throws SQLException {
        UUID item = rs.getObject("item_id", UUID.class);
        if (item == null) {
            return null;
        }
        List<Long> supersedes = List.of((Long[]) rs.getArray("supersedes").getArray());
        return new EventView.ItemView(item, supersedes, rs.getBoolean("current"), rs.getBoolean("conflict"));
    }
}
