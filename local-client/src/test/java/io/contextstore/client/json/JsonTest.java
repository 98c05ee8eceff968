package io.contextstore.client.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void objectsArraysStringsNumbersAndLiteralsAreReadIntoPlainJavaValues() {
        Object value = Json.parse(" {\"a\": [1, -2, 3.5, 1e3, true, false, null], \"b\": {\"c\": \"d\"}, \"big\": 123456789012345678901} ");

        assertThat(value).isEqualTo(Map.of("a", Arrays.asList(1L, -2L, new BigDecimal("3.5"), new BigDecimal("1e3"), true, false, null),
                "b", Map.of("c", "d"), "big", new BigDecimal("123456789012345678901")));
    }

    @Test
    void escapesAndSurrogatePairsAreDecoded() {
        assertThat(Json.parse("\"a\\\"b\\\\c\\/d\\n\\t\\u00e9\\ud83d\\ude00\"")).isEqualTo("a\"b\\c/d\n\té\uD83D\uDE00");
    }

    @Test
    void writingThenReadingGivesTheSameValue() {
        Map<String, Object> value = Map.of("text", "line\nwith \"quotes\" and \u0001", "list", List.of(1L, "two", false));

        assertThat(Json.parse(Json.write(value))).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "{", "}", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "01", "1.", ".5", "-", "1e",
            "+1", "tru", "nul", "\"unterminated", "\"tab\there\"", "\"bad \\x escape\"", "\"\\u12\"", "[1] [2]",
            "{\"a\":1}{", "NaN", "'single'", "{\"a\":1,\"a\":2}", "[\"a\" \"b\"]"})
    void anythingButOneValidJsonValueIsRejected(String text) {
        assertThatThrownBy(() -> Json.parse(text)).isInstanceOf(JsonException.class);
    }

    @Test
    void nestingIsBoundedInsteadOfOverflowingTheStack() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);

        assertThatThrownBy(() -> Json.parse(deep)).isInstanceOf(JsonException.class).hasMessageContaining("nested");
    }

    @Test
    void parseObjectRefusesOtherValues() {
        assertThatThrownBy(() -> Json.parseObject("[1]")).isInstanceOf(JsonException.class);
    }
}
