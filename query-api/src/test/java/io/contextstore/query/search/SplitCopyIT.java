package io.contextstore.query.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.platform.search.SearchDocuments;
import io.contextstore.testing.Infrastructure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The split copy of a text keeps its whitespace and replaces only runs of other non-alphanumerics: a replacement per
 * punctuation run, not per gap between words, about a fifth of the cost. The parser reads any run of whitespace as one
 * gap, so documents and queries must come out exactly as when every non-alphanumeric run became one space (V5's
 * rule), and stored documents need no new index.
 */
class SplitCopyIT {

    private static final String EVERY_RUN_ONE_SPACE =
            "to_tsvector('english'::regconfig, t || ' ' || regexp_replace(t, '[^[:alnum:]]+', ' ', 'g'))";
    private static final String AS_WRITTEN_AND_SPLIT =
            "to_tsvector('english'::regconfig, " + SearchDocuments.asWrittenAndSplit("t") + ")";
    private static final int[] TRICKY = ("abcXYZ019 \t\n\r\u000b\f\u00a0\u2003.-/@:_\"'<>&;,!?()[]{}#%+=~`$^*|\\"
            + "\u00e9\u00df\u4e2d\u2014\u2026\u201c\u20ac\ud83d\ude00").codePoints().toArray();

    @Test
    void documentsAndQueriesAreWhatReplacingEveryNonAlphanumericRunWithOneSpaceGave() throws SQLException {
        List<String> texts = new ArrayList<>(List.of(
                "Kafka is the system of record; the read model is a projection of it. ",
                "java.lang.IllegalStateException: connection refused at 127.0.0.1:5432\n\tat Foo.bar(Foo.java:42)",
                "see https://example.com/a/b?c=d&e=f#g, mail ops@example.com or /var/lib/postgresql/15/main",
                "snake_case and kebab-case, v1.2.3-rc.1, -5 +7 3.14 1e10 <b>bold</b> &amp; \"quoted\" it's",
                "tabs\tand\r\nnewlines\u00a0and\u2003wide spaces\u000b\f",
                "caf\u00e9 na\u00efve \u4e2d\u6587 \u2014 \u201cquoted\u201d \u2026 \ud83d\ude00 emoji",
                "   ", "", "...", "a", "  leading and trailing  "));
        SplittableRandom random = new SplittableRandom(20261205);
        for (int i = 0; i < 2000; i++) {
            texts.add(random(random, 1 + random.nextInt(60)));
        }

        List<String> differ = new ArrayList<>();
        try (Connection c = Infrastructure.shared().ownerConnection();
             PreparedStatement same = c.prepareStatement("SELECT " + EVERY_RUN_ONE_SPACE + " = " + AS_WRITTEN_AND_SPLIT
                     + " FROM (SELECT ?::text AS t) x")) {
            for (String text : texts) {
                same.setString(1, text);
                try (ResultSet row = same.executeQuery()) {
                    row.next();
                    if (!row.getBoolean(1)) {
                        differ.add(text);
                    }
                }
            }
        }

        assertThat(differ).as("texts whose document changed").isEmpty();
    }

    private static String random(SplittableRandom random, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.appendCodePoint(TRICKY[random.nextInt(TRICKY.length)]);
        }
        return text.toString();
    }
}
