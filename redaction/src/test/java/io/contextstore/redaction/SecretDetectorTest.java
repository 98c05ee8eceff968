package io.contextstore.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretDetectorTest {

    private static final String GITHUB = "ghp_" + "R8vQ2mZx7LkP4nW9sT1yB6cD3fG5hJ0aE2uV";
    private final SecretDetector detector = SecretDetector.standard();

    @Test
    void ruleIdsAreUniqueAndSpelledInLowerCaseWithHyphens() {
        Set<String> ids = Stream.of(Rule.values()).map(Rule::id).collect(Collectors.toSet());

        assertThat(ids).hasSize(Rule.values().length).allMatch(id -> id.matches("[a-z]+(-[a-z]+)*"));
        assertThat(Rule.byId("github-token")).contains(Rule.GITHUB_TOKEN);
    }

    @Test
    void onlyTheGenericAssignmentRuleIsLowConfidence() {
        assertThat(Stream.of(Rule.values()).filter(rule -> rule.confidence() == Confidence.LOW)).containsExactly(Rule.SECRET_ASSIGNMENT);
        assertThat(detector.only(Confidence.HIGH).find("password=Xk29-qLm4!zPw8")).isEmpty();
        assertThat(detector.find("password=Xk29-qLm4!zPw8")).extracting(Finding::rule).containsExactly(Rule.SECRET_ASSIGNMENT);
    }

    @Test
    void onlyTheValueOfAnAssignmentIsReplacedAndEachRedactionIsCounted() {
        Redacted redacted = detector.redact("GITHUB_TOKEN=" + GITHUB + " and DB_PASSWORD=Xk29-qLm4!zPw8 then " + GITHUB);

        assertThat(redacted.text()).isEqualTo("GITHUB_TOKEN=[REDACTED:github-token] and DB_PASSWORD=[REDACTED:secret-assignment]"
                + " then [REDACTED:github-token]");
        assertThat(redacted.counts()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of("github-token", 2, "secret-assignment", 1));
    }

    @Test
    void textWithoutSecretsComesBackAsItWas() {
        String text = "Kafka is the log; the projector keeps the first copy by offset.";

        assertThat(detector.redact(text).text()).isSameAs(text);
        assertThat(detector.redact(text).changed()).isFalse();
        assertThat(detector.find("")).isEmpty();
        assertThat(detector.find(null)).isEmpty();
    }

    @Test
    void aFindingNamesItsRuleAndPositionButNeverTheSecret() {
        Finding finding = detector.first("token " + GITHUB);

        assertThat(finding.toString()).contains("GITHUB_TOKEN").doesNotContain(GITHUB.substring(4));
    }

    @Test
    void aLicenseKeyIsASecretOnlyWhenItsChecksumMatches() {
        String body = "0123456789ABCDEFGHIJabcdefghij0123456789";
        String key = LicenseKeyChecksum.PREFIX + body + LicenseKeyChecksum.checksum(body);
        String typo = key.substring(0, 10) + (key.charAt(10) == 'x' ? 'y' : 'x') + key.substring(11);

        assertThat(LicenseKeyChecksum.isValid(key)).isTrue();
        assertThat(detector.redact("--key " + key).text()).isEqualTo("--key [REDACTED:contextstore-license-key]");
        assertThat(detector.find("--key " + typo)).isEmpty();
    }

    @Test
    void anAllowedStringOrPatternIsNotRedacted(@TempDir Path home) throws Exception {
        Path file = home.resolve("redaction-allowlist");
        Files.writeString(file, "# test fixtures\n" + GITHUB + "\n\nregex:Xk29-.*\n");
        SecretDetector allowing = detector.allowing(Allowlist.load(file));

        assertThat(allowing.find("GITHUB_TOKEN=" + GITHUB + " DB_PASSWORD=Xk29-qLm4!zPw8")).isEmpty();
        assertThat(allowing.find("DB_PASSWORD=Yq81-pLm4!zPw8")).extracting(Finding::rule).containsExactly(Rule.SECRET_ASSIGNMENT);
        assertThat(Allowlist.load(home.resolve("absent")).isEmpty()).isTrue();
    }

    @Test
    void anAllowlistRegexThatDoesNotCompileIsRefusedNamingItsLine() {
        assertThatThrownBy(() -> Allowlist.of(List.of("# one", "regex:([a-z"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2");
    }

    @Test
    void aPrivateSpanIsRedactedWithItsTagsAndAnUnclosedOneToTheEnd() {
        assertThat(detector.redact("ship to <private>12 Rue de la Paix</private> today").text())
                .isEqualTo("ship to [REDACTED:private] today");
        assertThat(detector.redact("ship to <private>12 Rue de la Paix, and more").text()).isEqualTo("ship to [REDACTED:private]");
    }
}
