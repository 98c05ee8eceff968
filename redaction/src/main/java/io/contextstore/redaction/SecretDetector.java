package io.contextstore.redaction;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Finds secrets in text and redacts them: the one implementation the client redacts with before anything
 * is queued and the server refuses with (ADR 31). Immutable and thread-safe.
 */
public final class SecretDetector {

    // comparators as classes, not lambdas: `ctx hook` loads this class, and lambdas are classes spun at run time
    private static final Comparator<Finding> BY_START = new Comparator<>() {
        @Override
        public int compare(Finding a, Finding b) {
            return Integer.compare(a.start(), b.start());
        }
    };
    private static final Comparator<Finding> BY_RULE_THEN_START = new Comparator<>() {
        @Override
        public int compare(Finding a, Finding b) {
            int byRule = a.rule().compareTo(b.rule());
            return byRule != 0 ? byRule : Integer.compare(a.start(), b.start());
        }
    };
    private static final Keywords KEYWORDS = new Keywords(Rule.values());
    private static final SecretDetector STANDARD = new SecretDetector(EnumSet.allOf(Rule.class), Allowlist.empty());

    private final Set<Rule> rules;
    private final Allowlist allowlist;

    private SecretDetector(Set<Rule> rules, Allowlist allowlist) {
        this.rules = rules;
        this.allowlist = allowlist;
    }

    /** Every rule, nothing allowed. */
    public static SecretDetector standard() {
        return STANDARD;
    }

    /** Only the rules of {@code confidence}: what the server refuses is {@link Confidence#HIGH}. */
    public SecretDetector only(Confidence confidence) {
        Set<Rule> kept = EnumSet.noneOf(Rule.class);
        for (Rule rule : rules) {
            if (rule.confidence() == confidence) {
                kept.add(rule);
            }
        }
        return new SecretDetector(kept, allowlist);
    }

    /** The same rules, with what {@code allowed} names left alone. */
    public SecretDetector allowing(Allowlist allowed) {
        return new SecretDetector(rules, allowed);
    }

    /** The findings in {@code text}, in text order, none overlapping (the earlier rule of {@link Rule} wins). */
    public List<Finding> find(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        int[][] keywordStarts = KEYWORDS.scan(text);
        if (keywordStarts == null) {
            return List.of();
        }
        List<Finding> candidates = new ArrayList<>();
        for (Rule rule : rules) {
            int[] starts = keywordStarts[rule.ordinal()];
            if (starts != null) {
                matchAt(rule, starts, text, candidates);
            }
        }
        if (candidates.size() <= 1) {
            return candidates;
        }
        candidates.sort(BY_RULE_THEN_START);
        List<Finding> kept = new ArrayList<>();
        for (Finding candidate : candidates) {
            if (!overlapsAny(candidate, kept)) {
                kept.add(candidate);
            }
        }
        kept.sort(BY_START);
        return kept;
    }

    private static boolean overlapsAny(Finding candidate, List<Finding> kept) {
        for (Finding finding : kept) {
            if (finding.start() < candidate.end() && candidate.start() < finding.end()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Tries the rule's pattern, anchored, at each place a match may start around its keywords (up to
     * {@link Rule#before()} characters before one), never inside an earlier match of the same rule.
     */
    private void matchAt(Rule rule, int[] keywordStarts, String text, List<Finding> candidates) {
        Matcher match = rule.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        int scanned = 0;
        for (int keyword : keywordStarts) {
            for (int start = Math.max(scanned, keyword - rule.before()); start <= keyword; start++) {
                if (!rule.mayStartAt(text, start, keyword)) {
                    continue;
                }
                match.region(start, text.length());
                if (match.lookingAt()) {
                    int group = Rule.secretGroup(match);
                    String secret = match.group(group);
                    if (!secret.isEmpty() && rule.confirms(secret) && !allowlist.allows(secret)) {
                        candidates.add(new Finding(rule, match.start(group), match.end(group)));
                    }
                    scanned = Math.max(match.end(), start + 1);
                    break;
                }
            }
        }
    }

    /** The first finding, or null: what the server needs to refuse an item. */
    public Finding first(String text) {
        List<Finding> findings = find(text);
        return findings.isEmpty() ? null : findings.get(0);
    }

    /** {@code text} with every finding replaced by {@code [REDACTED:<rule id>]}; redacting it again changes nothing. */
    public Redacted redact(String text) {
        List<Finding> findings = find(text);
        if (findings.isEmpty()) {
            return new Redacted(text, Map.of());
        }
        StringBuilder out = new StringBuilder(text.length());
        Map<String, Integer> counts = new LinkedHashMap<>();
        int at = 0;
        for (Finding finding : findings) {
            out.append(text, at, finding.start()).append(marker(finding.rule()));
            Integer before = counts.get(finding.rule().id());
            counts.put(finding.rule().id(), before == null ? 1 : before + 1);
            at = finding.end();
        }
        out.append(text, at, text.length());
        return new Redacted(out.toString(), counts);
    }

    /** What a redacted secret becomes. */
    public static String marker(Rule rule) {
        return "[REDACTED:" + rule.id() + "]";
    }
}
