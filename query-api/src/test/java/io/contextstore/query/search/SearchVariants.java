package io.contextstore.query.search;

import io.contextstore.query.search.LabelledSet.Query;
import io.contextstore.query.search.LabelledSet.Score;
import io.contextstore.platform.search.SearchDocuments;
import io.contextstore.testing.Infrastructure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The alternatives ADR 0030 weighed, run in SQL over the same rows as the endpoint: full text with
 * the 'simple' or the 'english' configuration on the text as written, the V5 column (english, text
 * as written plus punctuation split) with every word required or, as the endpoint does, every word
 * first and then any word, and pg_trgm word similarity. Measurement only: it prints.
 */
final class SearchVariants {

    private static final String TITLE = "coalesce(" + SearchDocuments.displayTitle("context_events") + ", '')";
    private static final String BODY = "coalesce(" + SearchDocuments.body("context_events")
            + ", '') || ' ' || coalesce(data ->> 'tags', '')";
    /** The documents the indexer wrote, beside their events. */
    private static final String INDEXED = " (SELECT e.event_id, e.kafka_offset, s.doc FROM context_events e"
            + " JOIN search_documents s USING (tenant_id, kafka_offset)) d";
    private static final String RANKED = " WHERE doc @@ q ORDER BY ts_rank('{0.1, 0.2, 0.4, 1.0}', doc, q)"
            + " + CASE WHEN ts_filter(doc, '{a}') @@ q THEN 1 ELSE 0 END DESC, kafka_offset DESC LIMIT 10";

    private final Infrastructure infrastructure;
    private final UUID tenant;

    SearchVariants(Infrastructure infrastructure, UUID tenant) {
        this.infrastructure = infrastructure;
        this.tenant = tenant;
    }

    void compare(LabelledSet set, Map<String, String> keyById, Predicate<Query> errorQuery) throws SQLException {
        Map<String, String> variants = new LinkedHashMap<>();
        variants.put("fts simple, as written", fts("simple"));
        variants.put("fts english, as written", fts("english"));
        variants.put("fts english, as written + split (V5), every word", "SELECT event_id FROM" + INDEXED
                + ", websearch_to_tsquery('english', ?) q" + RANKED);
        // every word (AND) first, then items with only some of the words (OR of the query's lexemes)
        variants.put("V5, every word first, then any word (chosen)", "SELECT event_id FROM" + INDEXED
                + ", websearch_to_tsquery('english', ?) q,"
                + " (SELECT coalesce(string_agg('''' || replace(lexeme, '''', '''''') || '''', ' | '), '')::tsquery"
                + " AS anyq FROM unnest(to_tsvector('english', ? || ' ' || regexp_replace(?, '[^[:alnum:]]+', ' ', 'g'))))"
                + " a WHERE doc @@ q OR doc @@ anyq"
                + " ORDER BY (doc @@ q) DESC, ts_rank('{0.1, 0.2, 0.4, 1.0}', doc, anyq)"
                + " + CASE WHEN ts_filter(doc, '{a}') @@ anyq THEN 1 ELSE 0 END DESC, kafka_offset DESC LIMIT 10");
        variants.put("pg_trgm word_similarity", "SELECT event_id FROM (SELECT event_id, kafka_offset, " + TITLE
                + " || ' ' || " + BODY + " AS text FROM context_events) d WHERE ? <% text"
                + " ORDER BY word_similarity(?, text) DESC, kafka_offset DESC LIMIT 10");
        try (Connection superuser = infrastructure.superuserConnection(); Statement s = superuser.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm");
        }
        try (Connection owner = infrastructure.ownerConnection()) {
            owner.setAutoCommit(false);
            try (PreparedStatement scope = owner.prepareStatement("SELECT set_config('app.tenant_id', ?, true)")) {
                scope.setString(1, tenant.toString());
                scope.execute();
            }
            for (Map.Entry<String, String> variant : variants.entrySet()) {
                List<Score> all = new ArrayList<>();
                List<Score> errors = new ArrayList<>();
                for (Query query : set.queries()) {
                    Score score = Score.of(run(owner, variant.getValue(), query.query(), keyById), query.expected());
                    all.add(score);
                    if (errorQuery.test(query)) {
                        errors.add(score);
                    }
                }
                System.out.printf("SEARCH RELEVANCE %-50s recall@5 %.3f, MRR %.3f (error-text queries: recall@5 %.3f,"
                        + " MRR %.3f)%n", variant.getKey(), Score.mean(all).recallAt5(), Score.mean(all).reciprocalRank(),
                        Score.mean(errors).recallAt5(), Score.mean(errors).reciprocalRank());
            }
            owner.rollback();
        }
    }

    private static String fts(String configuration) {
        return "SELECT event_id FROM (SELECT event_id, kafka_offset, setweight(to_tsvector('" + configuration + "', "
                + TITLE + "), 'A') || setweight(to_tsvector('" + configuration + "', " + BODY + "), 'B') AS doc"
                + " FROM context_events) d, websearch_to_tsquery('" + configuration + "', ?) q" + RANKED;
    }

    private static List<String> run(Connection c, String sql, String q, Map<String, String> keyById) throws SQLException {
        List<String> keys = new ArrayList<>();
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 1; i <= statement.getParameterMetaData().getParameterCount(); i++) {
                statement.setString(i, q);
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    keys.add(keyById.get(rs.getString(1)));
                }
            }
        }
        return keys;
    }
}
