package io.contextstore.query.search;

import io.contextstore.platform.auth.AccessToken;
import io.contextstore.query.ReadScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Runs a search as the caller. The inner query finds and ranks matches through the GIN index on
 * {@code context_events.search_doc} (V5) and takes one page; only that page gets a snippet, since
 * {@code ts_headline} re-parses the whole text.
 */
final class SearchReader {

    /** Title-like field of each kind, as indexed with weight A in V5; a message's first words stand in. */
    static final String TITLE = """
            CASE kind WHEN 'decision' THEN data ->> 'title' WHEN 'learning' THEN data ->> 'skill'
                      WHEN 'error_solution' THEN data ->> 'error' WHEN 'project_context' THEN data ->> 'title'
                      WHEN 'task' THEN data ->> 'description' WHEN 'message' THEN left(data ->> 'content', 80) END""";

    /** Body fields of each kind, as indexed with weight B in V5. */
    static final String BODY = """
            CASE kind WHEN 'decision' THEN concat_ws(E'\\n', data ->> 'decision', data ->> 'rationale')
                      WHEN 'learning' THEN data ->> 'learning'
                      WHEN 'error_solution' THEN concat_ws(E'\\n', data ->> 'solution', data ->> 'context')
                      WHEN 'project_context' THEN data ->> 'content' WHEN 'task' THEN data ->> 'outcome'
                      WHEN 'message' THEN data ->> 'content' END""";

    /**
     * The query twice: {@code query} as typed (websearch syntax: every word, "phrases", or, -word), and
     * {@code anyq}, any of its words (its text's lexemes, as written and split at punctuation like the
     * indexed text, OR-ed). Items with only some of the words are found too, below those with all of
     * them (ADR 0030). A query that excludes words (-word) is not widened: anyq is the query itself.
     * Lexemes are quoted for tsquery input (quote doubled, backslash escaped), never spliced into SQL.
     */
    private static final String QUERIES = """
            WITH typed AS (SELECT t.text, websearch_to_tsquery('english'::regconfig, t.text) AS query
                           FROM (SELECT ?::text AS text) t),
            q AS (SELECT query, CASE WHEN strpos(query::text, '!') > 0 THEN query ELSE (
                      SELECT coalesce(string_agg('''' || replace(replace(lexeme, '\\', '\\\\'), '''', '''''') || '''',
                                                 ' | '), '')::tsquery
                      FROM unnest(to_tsvector('english'::regconfig,
                                  text || ' ' || regexp_replace(text, '[^[:alnum:]]+', ' ', 'g')))) END AS anyq
                  FROM typed)
            """;

    /**
     * Three tiers in one number, so one (rank, offset) position orders and pages them: 3 when every
     * word matches, plus 1 when a word matches in the title-like field, plus ts_rank (at most 1) for
     * how well. So items with all the words come first, and within them a title hit always ranks above
     * a body-only hit; offsets break ties, newest first.
     */
    private static final String RANK = """
            (CASE WHEN e.search_doc @@ q.query THEN 3 ELSE 0 END
             + CASE WHEN ts_filter(e.search_doc, '{a}') @@ q.anyq THEN 1 ELSE 0 END
             + ts_rank('{0.1, 0.2, 0.4, 1.0}', e.search_doc, q.anyq))::real""";

    static final String HEADLINE_OPTIONS =
            "StartSel=«, StopSel=», MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=\" … \"";

    private final ReadScope scope;

    SearchReader(ReadScope scope) {
        this.scope = scope;
    }

    SearchPage page(AccessToken token, SearchRequest request) {
        List<Object> params = new ArrayList<>();
        String sql = sql(token, request, params);
        List<SearchHit> hits = scope.read(token, jdbc -> jdbc.sql(sql).params(params).query(SearchReader::hit).list());
        boolean hasMore = hits.size() > request.limit();
        if (hasMore) {
            hits = hits.subList(0, request.limit());
        }
        SearchHit last = hits.isEmpty() ? null : hits.get(hits.size() - 1);
        String next = hasMore ? new SearchCursor(last.rank(), last.offset(), request.fingerprint()).encode() : null;
        return new SearchPage(List.copyOf(hits), next, hasMore);
    }

    /** The statement and its parameters: the query text is always a bound parameter, never SQL. */
    static String sql(AccessToken token, SearchRequest request, List<Object> params) {
        StringBuilder inner = new StringBuilder("SELECT e.kafka_offset, e.event_id, e.kind, e.user_id, e.device_id, "
                + "e.project_id, e.occurred_at, e.data, " + RANK + " AS rank\n"
                + "FROM context_events e, q WHERE e.tenant_id = ? AND e.search_doc @@ q.anyq");
        params.add(request.q());
        params.add(token.tenantId());
        if (!ReadScope.seesAllUsers(token)) {
            // the restrictive policy user_isolation says the same; the query does not rely on it alone
            inner.append(" AND (e.private_to IS NULL OR e.private_to = ?)");
            params.add(token.userId());
        }
        if (!request.kinds().isEmpty()) {
            inner.append(" AND e.kind = ANY (?)");
            params.add(request.kinds().toArray(String[]::new));
        }
        if (request.projectId() != null) {
            inner.append(" AND e.project_id = ?");
            params.add(request.projectId());
        }
        // a task is found by its latest state only, as the task list shows it
        inner.append(" AND (e.kind <> 'task' OR e.kafka_offset = (SELECT t.last_offset FROM tasks t"
                + " WHERE t.tenant_id = e.tenant_id AND t.user_id = e.user_id AND t.task_id = e.data ->> 'task_id'))");
        StringBuilder ranked = new StringBuilder("SELECT * FROM (").append(inner).append(") m");
        if (request.after() != null) {
            ranked.append(" WHERE (m.rank < ?::real OR (m.rank = ?::real AND m.kafka_offset < ?))");
            params.add(request.after().rank());
            params.add(request.after().rank());
            params.add(request.after().offset());
        }
        ranked.append(" ORDER BY m.rank DESC, m.kafka_offset DESC LIMIT ?");
        params.add(request.limit() + 1);
        // kind and data below are the page's columns (q has only the two queries)
        return QUERIES
                + "SELECT p.*, " + TITLE + " AS title,\n ts_headline('english'::regconfig, coalesce(" + TITLE
                + ", '') || E'\\n' || coalesce(" + BODY + ", ''), q.anyq, '" + HEADLINE_OPTIONS + "') AS snippet\n"
                + "FROM (" + ranked + ") p, q ORDER BY p.rank DESC, p.kafka_offset DESC";
    }

    private static SearchHit hit(ResultSet rs, int row) throws SQLException {
        long offset = rs.getLong("kafka_offset");
        return new SearchHit(rs.getObject("event_id", UUID.class), rs.getString("kind"), offset + 1, offset,
                rs.getString("project_id"), rs.getString("user_id"), rs.getString("device_id"),
                rs.getTimestamp("occurred_at").toInstant(), rs.getString("title"), rs.getString("snippet"),
                rs.getFloat("rank"), rs.getString("data"));
    }
}
