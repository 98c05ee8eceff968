package io.contextstore.client.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FtsQueryTest {

    @Test
    void everyWordBecomesAQuotedTermAndAllMustMatch() {
        assertThat(FtsQuery.parse("kafka offsets").allOf()).isEqualTo("(\"kafka\" \"offsets\")");
    }

    @Test
    void anyOfJoinsTheMeaningfulWordsWithOrAndDropsStopwords() {
        assertThat(FtsQuery.parse("how do we store the kafka offsets").anyOf()).isEqualTo("(\"store\" OR \"kafka\" OR \"offsets\")");
        assertThat(FtsQuery.parse("the who").anyOf()).isEqualTo("(\"the\" OR \"who\")");
    }

    @Test
    void quotesInsideATermAreDoubledSoTheyStayText() {
        assertThat(FtsQuery.parse("say\"hi").allOf()).isEqualTo("(\"say\"\"hi\")");
    }

    @Test
    void aQuotedPhraseALeadingMinusAndATrailingStarAreHonoured() {
        FtsQuery query = FtsQuery.parse("\"schema registry\" -avro kaf*");

        assertThat(query.allOf()).isEqualTo("(\"schema registry\" \"kaf\"*) NOT \"avro\"");
    }

    @Test
    void onlyExcludedOrPunctuationTermsMeanNothingToSearch() {
        assertThat(FtsQuery.parse("-kafka").allOf()).isNull();
        assertThat(FtsQuery.parse("( ) : * - \"").isEmpty()).isTrue();
        assertThat(FtsQuery.parse(null).isEmpty()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"OR", "NOT kafka", "NEAR(a b)", "a AND", "col:value", "^start", "a + b", "x\"\"\"", "*"})
    void ftsKeywordsAndOperatorsAreSearchedAsPlainWords(String input) {
        String match = FtsQuery.parse(input).allOf();

        if (match != null) {
            assertThat(match).startsWith("(\"");
            // outside quoted strings only the parentheses, spaces, NOT and * this class adds remain
            assertThat(match.replaceAll("\"([^\"]|\"\")*\"", "").replace("NOT", "").replace("OR", "")).matches("[()* ]*");
        }
    }
}
