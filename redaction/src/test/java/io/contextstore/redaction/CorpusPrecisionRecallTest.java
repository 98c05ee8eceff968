package io.contextstore.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.redaction.Corpus.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Per-rule precision and recall over the corpus (positives and near-misses), printed as a table to quote.
 * A positive counts for its rule when a finding of that rule covers its whole secret; any other finding is a
 * false positive of the rule that made it (a near-miss flagged, or a secret attributed to the wrong rule).
 */
class CorpusPrecisionRecallTest {

    static final double FLOOR = 0.95;

    private final SecretDetector detector = SecretDetector.standard();
    private final List<Sample> samples = Corpus.samples();

    private static final class Score {
        int positives;
        int truePositives;
        int falsePositives;

        double precision() {
            return truePositives + falsePositives == 0 ? 1.0 : (double) truePositives / (truePositives + falsePositives);
        }

        double recall() {
            return positives == 0 ? 1.0 : (double) truePositives / positives;
        }
    }

    @Test
    void everyRuleFindsAtLeastNinetyFivePercentOfItsSecretsWithAtLeastNinetyFivePercentPrecision() {
        Map<String, Score> scores = new TreeMap<>();
        for (Rule rule : Rule.values()) {
            scores.put(rule.id(), new Score());
        }
        List<String> misses = new ArrayList<>();
        for (Sample sample : samples) {
            if (sample.positive()) {
                scores.get(sample.rule()).positives++;
            }
            boolean found = false;
            for (Finding finding : detector.find(sample.text())) {
                boolean coversTheSecret = sample.positive() && finding.rule().id().equals(sample.rule())
                        && finding.start() <= sample.secretStart() && finding.end() >= sample.secretEnd();
                if (coversTheSecret && !found) {
                    found = true;
                    scores.get(sample.rule()).truePositives++;
                } else {
                    scores.get(finding.rule().id()).falsePositives++;
                    misses.add("false positive of " + finding.rule().id() + " in: " + sample.text());
                }
            }
            if (sample.positive() && !found) {
                misses.add("missed " + sample.rule() + " in: " + sample.text());
            }
        }

        StringBuilder table = new StringBuilder(String.format("%n%-26s %9s %4s %4s %9s %7s%n", "rule", "positives", "TP", "FP",
                "precision", "recall"));
        scores.forEach((rule, score) -> table.append(String.format("%-26s %9d %4d %4d %9.3f %7.3f%n", rule, score.positives,
                score.truePositives, score.falsePositives, score.precision(), score.recall())));
        table.append(String.format("%d samples, %d near-misses%n", samples.size(), samples.stream().filter(s -> !s.positive()).count()));
        System.out.println(table);
        misses.forEach(System.out::println);

        scores.forEach((rule, score) -> {
            assertThat(score.positives).as("positives of " + rule + " in the corpus").isGreaterThanOrEqualTo(4);
            assertThat(score.precision()).as("precision of " + rule).isGreaterThanOrEqualTo(FLOOR);
            assertThat(score.recall()).as("recall of " + rule).isGreaterThanOrEqualTo(FLOOR);
        });
    }

    @Test
    void aRedactedSampleKeepsNoByteOfItsSecretAndNamesTheRule() {
        for (Sample sample : Corpus.positives()) {
            Redacted redacted = detector.redact(sample.text());

            assertThat(redacted.text()).as(sample.toString()).doesNotContain(sample.secret())
                    .contains("[REDACTED:" + sample.rule() + "]");
            assertThat(redacted.counts()).as(sample.toString()).containsEntry(sample.rule(), 1);
        }
    }

    /**
     * The detector tries patterns only around keywords; a full scan of each pattern must find nothing more:
     * each of its matches is a finding, or overlaps one (where an earlier rule won the overlap).
     */
    @Test
    void everythingAFullScanOfEachPatternFindsIsAmongOrOverlapsTheKeywordAnchoredFindings() {
        for (Sample sample : samples) {
            for (String text : List.of(sample.text(), "ünïcödé prose before, " + sample.text() + " and after ✓")) {
                List<Finding> found = detector.find(text);
                for (Rule rule : Rule.values()) {
                    java.util.regex.Matcher match = rule.matcher(text);
                    while (match.find()) {
                        int group = Rule.secretGroup(match);
                        int start = match.start(group);
                        int end = match.end(group);
                        if (rule.confirms(match.group(group))) {
                            assertThat(found).as(rule.id() + " in " + sample)
                                    .anyMatch(finding -> finding.start() < end && start < finding.end());
                        }
                    }
                }
            }
        }
    }

    @Test
    void redactedTextIsLeftAloneByASecondRedactionAndPassesTheServersCheck() {
        SecretDetector server = detector.only(Confidence.HIGH);
        for (Sample sample : samples) {
            String once = detector.redact(sample.text()).text();

            assertThat(detector.redact(once).text()).as(sample.toString()).isEqualTo(once);
            assertThat(server.find(once)).as(sample.toString()).isEmpty();
        }
    }
}
