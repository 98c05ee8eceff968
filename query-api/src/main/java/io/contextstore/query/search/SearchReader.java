package io.contextstore.query.search;

import io.contextstore.platform.auth.AccessToken;
import io.contextstore.platform.search.SearchDocuments;
import io.contextstore.query.ItemMarks;
import io.contextstore.query.ReadScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.SqlParameterValue;

/**
 * Runs a search as the caller. {@code search_matches} (V7) finds and ranks one page of matches
 * through the GIN index of {@code search_documents}, for the tenant, user and role the transaction
 * is scoped to; the page's events are then read from {@code context_events} under row-level
 * security, and only they get a snippet, since {@code ts_headline} re-parses the whole text.
 */
final class SearchReader {

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
                      FROM unnest(to_tsvector('english'::regconfig, %s))) END AS anyq
                  FROM typed)
            """.formatted(SearchDocuments.asWrittenAndSplit("text"));

    static final String HEADLINE_OPTIONS =
            "StartSel=«, StopSel=», MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=\" … \"";

    /**
     * How many of the newest matches of each tier (every word; any word) are ranked. A word in nearly
     * every document then costs a bounded amount; older items are found by adding words (ADR 0030).
     */
    static final int CANDIDATES = 1000;

    /**
     * One page: the page's matches, each event fetched by its key. The fetch is a lateral subquery kept apart from the
     * join ({@code OFFSET 0}) so it stays one index lookup per match: once the driver prepares the statement, PostgreSQL
     * plans it for any tenant, with a tenant's average row count, and as a join it hashed all of a large tenant's events
     * (a million events: 1.8 s instead of 10 ms; bench/profiling.md).
     */
    private static final String PAGE = QUERIES + """
            SELECT e.kafka_offset, e.event_id, e.kind, e.user_id, e.device_id, e.project_id, e.occurred_at, e.data,
                   %s AS item_id, %s AS conflict, m.rank, %s AS title,
                   ts_headline('english'::regconfig, coalesce(%s, '') || E'\\n' || coalesce(%s, ''), q.anyq, '%s') AS snippet
            FROM q, search_matches(q.query, q.anyq, ?::text[], ?::text, ?::real, ?::bigint, ?, ?) m
            CROSS JOIN LATERAL (SELECT * FROM context_events e WHERE e.tenant_id = ? AND e.kafka_offset = m.kafka_offset
                                OFFSET 0) e%s
            ORDER BY m.rank DESC, m.kafka_offset DESC""".formatted(ItemMarks.itemId("e"), ItemMarks.conflict(),
            SearchDocuments.displayTitle("e"),
            SearchDocuments.title("e"), SearchDocuments.body("e"), HEADLINE_OPTIONS, ItemMarks.join("e"));

    private final ReadScope scope;

    SearchReader(ReadScope scope) {
        this.scope = scope;
    }

    SearchPage page(AccessToken token, SearchRequest request) {
        List<Object> params = params(token, request);
        return scope.read(token, jdbc -> {
            // the watermark first: everything below it was indexed before the search ran
            long watermark = SearchWatermark.read(jdbc);
            List<SearchHit> hits = jdbc.sql(PAGE).params(params).query(SearchReader::hit).list();
            boolean hasMore = hits.size() > request.limit();
            if (hasMore) {
                hits = hits.subList(0, request.limit());
            }
            SearchHit last = hits.isEmpty() ? null : hits.get(hits.size() - 1);
            String next = hasMore ? new SearchCursor(last.rank(), last.offset(), request.fingerprint()).encode() : null;
            return new SearchPage(List.copyOf(hits), next, hasMore, watermark);
        });
    }

    /** The position up to which search sees the caller's tenant: every event before it is indexed. */
    long watermark(AccessToken token) {
        return scope.read(token, SearchWatermark::read);
    }

    /** The statement of a page (the bench runs it directly beside the endpoint). */
    static String sql() {
        return PAGE;
    }

    /** Its parameters: the query text is always a bound parameter, never SQL. */
    static List<Object> params(AccessToken token, SearchRequest request) {
        List<Object> params = new ArrayList<>();
        params.add(request.q());
        // typed, so a null costs no round trip to ask the server for the parameter's type
        params.add(new SqlParameterValue(Types.ARRAY, request.kinds().isEmpty() ? null
                : request.kinds().toArray(String[]::new)));
        params.add(new SqlParameterValue(Types.VARCHAR, request.projectId()));
        params.add(new SqlParameterValue(Types.REAL, request.after() == null ? null : request.after().rank()));
        params.add(new SqlParameterValue(Types.BIGINT, request.after() == null ? null : request.after().offset()));
        params.add(request.limit() + 1);
        params.add(CANDIDATES);
        params.add(token.tenantId());
        return params;
    }

    private static SearchHit hit(ResultSet rs, int row) throws SQLException {
        long offset = rs.getLong("kafka_offset");
        return new SearchHit(rs.getObject("event_id", UUID.class), rs.getString("kind"), offset + 1, offset,
                rs.getString("project_id"), rs.getString("user_id"), rs.getString("device_id"),
                rs.getTimestamp("occurred_at").toInstant(), rs.getString("title"), rs.getString("snippet"),
                rs.getFloat("rank"), rs.getString("data"), rs.getObject("item_id", UUID.class), rs.getBoolean("conflict"));
    }
}
