package io.contextstore.client.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns what a person (or a prompt) typed into an FTS5 match expression that cannot be a syntax error.
 * Every term becomes a double-quoted string (FTS5 takes anything inside quotes literally, a quote
 * doubled), so {@code "}, {@code -}, {@code :}, {@code *}, {@code (} and FTS5's own keywords in the
 * input are only text. What is honoured, and built here rather than passed through: {@code "a phrase"},
 * a leading {@code -} to exclude a term (only when something positive is left), and a trailing
 * {@code *} as a prefix search.
 */
public record FtsQuery(List<String> terms, List<String> excluded) {

    /** Words that carry no meaning in a prompt; dropped when any term is enough to match. */
    private static final Set<String> STOPWORDS = Set.of("a", "an", "and", "are", "as", "at", "be", "but", "by", "can",
            "could", "did", "do", "does", "for", "from", "had", "has", "have", "how", "i", "if", "in", "into", "is",
            "it", "its", "me", "my", "of", "on", "or", "our", "please", "should", "so", "that", "the", "their", "then",
            "there", "these", "this", "to", "was", "we", "were", "what", "when", "where", "which", "who", "why", "will",
            "with", "would", "you", "your", "let", "lets", "us", "not", "no", "yes", "now", "just", "also", "any",
            "some", "all", "about", "use", "using", "get", "make", "need", "want");
    private static final Pattern NOT_A_WORD_CHARACTER = Pattern.compile("[^\\p{L}\\p{N}]");

    public static FtsQuery parse(String input) {
        List<String> terms = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        int i = 0;
        String text = input == null ? "" : input;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            boolean negated = c == '-' && i + 1 < text.length() && !Character.isWhitespace(text.charAt(i + 1));
            int start = negated ? i + 1 : i;
            String term;
            if (start < text.length() && text.charAt(start) == '"') {
                int end = text.indexOf('"', start + 1);
                end = end < 0 ? text.length() : end;
                term = text.substring(start + 1, end);
                i = end + 1;
            } else {
                int end = start;
                while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
                    end++;
                }
                term = text.substring(start, end);
                i = end;
            }
            if (hasWordCharacter(term)) {
                (negated ? excluded : terms).add(term);
            }
        }
        return new FtsQuery(List.copyOf(terms), List.copyOf(excluded));
    }

    public boolean isEmpty() {
        return terms.isEmpty();
    }

    /** Every term must match; null when nothing positive was typed. */
    public String allOf() {
        return terms.isEmpty() ? null : join(meaningful(), " ") + exclusions();
    }

    /** Any term may match (bm25 still ranks rows with more of them first). */
    public String anyOf() {
        return terms.isEmpty() ? null : join(meaningful(), " OR ") + exclusions();
    }

    /** Whether {@link #anyOf} can match rows that {@link #allOf} does not. */
    public boolean hasAlternatives() {
        return meaningful().size() > 1;
    }

    /** The terms without stopwords, unless nothing else was typed ("the who" still searches for something). */
    private List<String> meaningful() {
        List<String> meaningful = terms.stream()
                .filter(term -> !STOPWORDS.contains(NOT_A_WORD_CHARACTER.matcher(term.toLowerCase()).replaceAll(""))).toList();
        return meaningful.isEmpty() ? terms : meaningful;
    }

    private String exclusions() {
        StringBuilder out = new StringBuilder();
        for (String term : excluded) {
            out.append(" NOT ").append(quoted(term));
        }
        return out.toString();
    }

    private static String join(List<String> terms, String separator) {
        StringBuilder out = new StringBuilder("(");
        for (String term : terms) {
            out.append(out.length() == 1 ? "" : separator).append(quoted(term));
        }
        return out.append(")").toString();
    }

    private static String quoted(String term) {
        boolean prefix = term.endsWith("*") && hasWordCharacter(term.substring(0, term.length() - 1));
        String body = prefix ? term.substring(0, term.length() - 1) : term;
        return "\"" + body.replace("\"", "\"\"") + "\"" + (prefix ? "*" : "");
    }

    private static boolean hasWordCharacter(String term) {
        return term.codePoints().anyMatch(Character::isLetterOrDigit);
    }
}
