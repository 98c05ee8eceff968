package io.contextstore.query.pull.decision;

import io.contextstore.events.EventKind;
import io.contextstore.query.Cursors;
import io.contextstore.platform.web.ApiProblem;
import io.contextstore.platform.web.JsonFields;
import io.contextstore.query.QueryParameters;
import io.contextstore.query.QueryProperties;
import io.contextstore.query.ReadBarrier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A validated pull: from which cursor, how many, which kinds and project, and whether to wait for a
 * position first. Cursors are positions (ADR 8): 0, or none, is the beginning; -1, the beginning in
 * release 1 of the local client, is still read as 0.
 */
public record PullRequest(long cursor, int limit, List<String> kinds, String projectId, ReadBarrier barrier) {

    public static final Set<String> PARAMETERS = Set.of("cursor", "limit", "kinds", "project_id", "wait_for", "timeout_ms");

    public static PullRequest from(QueryParameters parameters, QueryProperties properties) {
        long cursor = Cursors.position(parameters, "cursor");
        int limit = (int) parameters.longValue("limit", properties.defaultLimit(), 1, properties.maxLimit());
        String projectId = parameters.text("project_id");
        if (projectId != null) {
            JsonFields.checkedText(projectId, "project_id", 128);
        }
        return new PullRequest(cursor, limit, kinds(parameters.text("kinds")), projectId,
                ReadBarrier.from(parameters, properties));
    }

    private static List<String> kinds(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<String> kinds = new ArrayList<>();
        for (String name : text.split(",")) {
            String kind = name.trim();
            if (EventKind.fromWireName(kind).isEmpty()) {
                throw ApiProblem.invalidParameter("kinds", "\"" + kind + "\" is not a kind; known: " + EventKind.wireNames());
            }
            kinds.add(kind);
        }
        return List.copyOf(kinds);
    }
}
