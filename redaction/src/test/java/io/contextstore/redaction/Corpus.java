package io.contextstore.redaction;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The corpus of {@code corpus/secrets.tsv}: synthetic secrets in context, and near-misses. Public so that
 * the client's and the server's tests push the same secrets.
 */
public final class Corpus {

    /** One sample: the rule that should find it (null for a near-miss), its text, and where its secret is. */
    public record Sample(String rule, String text, int secretStart, int secretEnd) {

        public boolean positive() {
            return rule != null;
        }

        public String secret() {
            return text.substring(secretStart, secretEnd);
        }

        @Override
        public String toString() {
            return (rule == null ? "near-miss" : rule) + " sample";
        }
    }

    private Corpus() {
    }

    public static List<Sample> samples() {
        try (InputStream in = Corpus.class.getResourceAsStream("/corpus/secrets.tsv")) {
            List<Sample> samples = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                String rule = line.substring(0, tab);
                String text = line.substring(tab + 1).replace('⏎', '\n');
                int open = text.indexOf('⟦');
                if (rule.equals("none")) {
                    samples.add(new Sample(null, text, -1, -1));
                } else {
                    int close = text.indexOf('⟧');
                    samples.add(new Sample(rule, text.substring(0, open) + text.substring(open + 1, close) + text.substring(close + 1),
                            open, close - 1));
                }
            }
            return samples;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Sample> positives() {
        return samples().stream().filter(Sample::positive).toList();
    }
}
