package io.contextstore.query.pull;

import io.contextstore.events.EventScope;
import io.contextstore.platform.auth.AccessToken;
import io.contextstore.platform.db.OneTrip;
import io.contextstore.query.ItemMarks;
import io.contextstore.query.ReadScope;
import io.contextstore.query.pull.decision.PullRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapperResultSetExtractor;
import org.springframework.jdbc.core.SingleColumnRowMapper;

/**
 * Reads pages of {@code context_events} and the tenant's watermark, as the caller: the one read path of
 * pulls, waiting pulls and streams, so all three show the caller the same events (ADR 38).
 */
public final class EventReader {

    /** The tenant's watermark as a value: 0 before the projector has written anything of it. */
    private static final String WATERMARK = """
            coalesce((SELECT o.next_offset FROM tenant_streams s
                      LEFT JOIN projector_offsets o ON o.topic = 'context.events' AND o.kafka_partition = s.kafka_partition
                      WHERE s.tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid)), 0)""";

    /**
     * A page reads a tenant's events in offset order, at most a page of them: a scan of the primary key in that order
     * stops there. Planned from statistics older than a tenant's growth, PostgreSQL estimated a few rows and chose to
     * read every event after the cursor (bitmap or sequential scan) and sort them: pages of 1-4 s, the longer the further
     * from the end, right after a million events were projected for one tenant (bench/profiling.md, PullPlanIT). Sorts
     * are off for the page's transaction (ADR 46), which leaves the ordered scan as the only cheap plan whatever the
     * statistics say; a statement with no plan but a sort still sorts.
     */
    static final OneTrip.Statement<Void> IN_INDEX_ORDER = OneTrip.Statement.write(
            "SELECT set_config('enable_sort', 'off', true)", List.of());

    private final ReadScope scope;

    public EventReader(ReadScope scope) {
        this.scope = scope;
    }

    /**
     * The position the projector has reached in the tenant's partition: every event below it is
     * projected. 0 if it has projected nothing of this tenant yet.
     */
    public long watermark(AccessToken token) {
        OneTrip.Statement<Long> watermark = watermark();
        return scope.readInOneTrip(token, List.of(watermark)).of(watermark);
    }

    /**
     * A page, its erasures and the caller's projects, read in one round trip. The watermark is read first: every event
     * below it is committed, so the statements after it see them. They bound their rows by the watermark as they see
     * it, which is as far or further, and the page keeps what lies below the first.
     */
    public PullPage page(AccessToken token, PullRequest request) {
        OneTrip.Statement<Long> watermarkRead = watermark();
        OneTrip.Statement<List<EventView>> eventsRead = events(token, request);
        OneTrip.Statement<List<PullPage.ErasureView>> erasuresRead = erasures(request.cursor());
        OneTrip.Statement<List<String>> projectsRead = readableProjects(token);
        OneTrip.Answers read = scope.readInOneTrip(token,
                List.of(IN_INDEX_ORDER, watermarkRead, eventsRead, erasuresRead, projectsRead));
        long watermark = read.of(watermarkRead);
        List<EventView> events = read.of(eventsRead).stream().filter(event -> event.offset() < watermark).toList();
        boolean hasMore = events.size() > request.limit();
        if (hasMore) {
            events = events.subList(0, request.limit());
        }
        long last = events.isEmpty() ? request.cursor() : events.get(events.size() - 1).cursor();
        long next = hasMore ? last : Math.max(last, Math.max(request.cursor(), watermark));
        List<PullPage.ErasureView> erasures = read.of(erasuresRead).stream().filter(erasure -> erasure.offset() < next)
                .toList();
        return new PullPage(List.copyOf(events), next, hasMore, watermark, erasures,
                new PullPage.ScopesView(read.of(projectsRead)));
    }

    /**
     * The projects the caller reads confined items of: through its teams, or every project for the roles that read
     * every scope. Read with the page, from the same membership the policies read.
     */
    private static OneTrip.Statement<List<String>> readableProjects(AccessToken token) {
        return new OneTrip.Statement<>(ReadScope.seesAllUsers(token)
                ? "SELECT project_id FROM projects ORDER BY project_id"
                : "SELECT unnest(cs_access.readable_projects()) AS project_id ORDER BY project_id", List.of(),
                new RowMapperResultSetExtractor<>(new SingleColumnRowMapper<>(String.class)));
    }

    private static OneTrip.Statement<Long> watermark() {
        return new OneTrip.Statement<>("SELECT " + WATERMARK, List.of(), rs -> rs.next() ? rs.getLong(1) : 0L);
    }

    /** The users erased from {@code from} up to the watermark: every page passes each erasure on once, as it does events. */
    private static OneTrip.Statement<List<PullPage.ErasureView>> erasures(long from) {
        return new OneTrip.Statement<>("""
                SELECT kafka_offset, user_id FROM erased_subjects
                WHERE kafka_offset >= ? AND kafka_offset < %s AND user_id IS NOT NULL ORDER BY kafka_offset"""
                .formatted(WATERMARK), List.of(from),
                new RowMapperResultSetExtractor<>((rs, n) -> new PullPage.ErasureView(rs.getLong(1), rs.getString(2))));
    }

    static OneTrip.Statement<List<EventView>> events(AccessToken token, PullRequest request) {
        StringBuilder sql = new StringBuilder("""
                SELECT e.kafka_offset, e.event_id, e.kind, e.user_id, e.device_id, e.project_id, e.content_hash,
                       e.client_seq, e.occurred_at, e.received_at, e.data::text, e.private_to IS NOT NULL AS personal,
                       e.project_scope,
                       v.item_id, v.supersedes, v.current, %s AS conflict
                FROM context_events e %s WHERE e.tenant_id = ? AND e.kafka_offset >= ? AND e.kafka_offset < %s"""
                .formatted(ItemMarks.conflict(), ItemMarks.join("e"), WATERMARK));
        List<Object> params = new ArrayList<>(List.of(token.tenantId(), request.cursor()));
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
        return new OneTrip.Statement<>(sql.toString(), params, new RowMapperResultSetExtractor<>(EventReader::view));
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
