package io.contextstore.query.live.decision;

import io.contextstore.platform.web.ApiProblem;
import io.contextstore.query.QueryParameters;
import io.contextstore.query.QueryProperties;
import io.contextstore.query.ReadBarrier;
import io.contextstore.query.pull.decision.PullRequest;
import java.util.List;
import java.util.Set;

/**
 * A validated stream: where it starts and which events it carries. The filters are the pull's, parsed by the
 * pull; the start is the {@code Last-Event-ID} a reconnecting client sends (an event's id is its cursor) and
 * otherwise {@code cursor}. The header wins: a browser reconnects with the URL it first opened.
 */
public record StreamRequest(long cursor, List<String> kinds, String projectId) {

    public static final Set<String> PARAMETERS = Set.of("cursor", "kinds", "project_id");
    public static final String LAST_EVENT_ID = "Last-Event-ID";

    public static StreamRequest from(QueryParameters parameters, String lastEventId, QueryProperties properties) {
        PullRequest pull = PullRequest.from(parameters, properties);
        long cursor = lastEventId == null || lastEventId.isBlank() ? pull.cursor() : resumeFrom(lastEventId.trim());
        return new StreamRequest(cursor, pull.kinds(), pull.projectId());
    }

    /** The pull that reads the next page of this stream from {@code from}: the same read path, the same visibility. */
    public PullRequest page(long from, int size) {
        return new PullRequest(from, size, kinds, projectId, ReadBarrier.NONE);
    }

    private static long resumeFrom(String lastEventId) {
        try {
            long cursor = Long.parseLong(lastEventId);
            if (cursor >= 0) {
                return cursor;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiProblem.invalidHeader(LAST_EVENT_ID, "must be the id of an event of this stream (a cursor, a non-negative integer)");
    }
}
