package io.contextstore.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    @Test
    void sortsMembersByUtf16CodeUnitsAsRfc8785Section323Shows() {
        Map<String, Object> object = new LinkedHashMap<>();
        for (String key : List.of("\u20ac", "\r", "\ufb33", "1", "\ud83d\ude00", "\u0080", "\u00f6")) {
            object.put(key, key.equals("\r") ? "Carriage Return" : "x");
        }

        String canonical = CanonicalJson.of(object);

        assertThat(canonical).isEqualTo(
                "{\"\\r\":\"Carriage Return\",\"1\":\"x\",\"\u0080\":\"x\",\"\u00f6\":\"x\",\"\u20ac\":\"x\","
                        + "\"\ud83d\ude00\":\"x\",\"\ufb33\":\"x\"}");
    }

    @Test
    void escapesStringsMinimallyAsRfc8785Section322Shows() {
        String canonical = CanonicalJson.of(Map.of("string", "\u20ac$\u000F\nA'B\"\\\\\"/"));

        assertThat(canonical).isEqualTo("{\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
    }

    @Test
    void keepsTheTextAroundEscapesWhetherTheyStartEndOrFillTheString() {
        assertThat(CanonicalJson.of(List.of("", "plain text \u00e9", "\"start", "end\n", "\t\u0001\\", "a\rb\u001fc")))
                .isEqualTo("[\"\",\"plain text \u00e9\",\"\\\"start\",\"end\\n\",\"\\t\\u0001\\\\\","
                        + "\"a\\rb\\u001fc\"]");
    }

    @Test
    void writesLiteralsArraysAndNestedObjectsWithoutWhitespace() {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("literals", java.util.Arrays.asList(null, true, false));
        object.put("nested", Map.of("b", 2, "a", List.of()));

        assertThat(CanonicalJson.of(object)).isEqualTo("{\"literals\":[null,true,false],\"nested\":{\"a\":[],\"b\":2}}");
    }

    @Test
    void refusesIntegersThatADoubleCannotHoldExactly() {
        assertThatThrownBy(() -> CanonicalJson.of(Map.of("n", 1L << 60)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sameContentInAnyMemberOrderHasTheSameHash() {
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("title", "Use Kafka");
        first.put("kind", "decision");
        Map<String, Object> second = new LinkedHashMap<>();
        second.put("kind", "decision");
        second.put("title", "Use Kafka");

        assertThat(ContentHash.of(first)).isEqualTo(ContentHash.of(second)).hasSize(64).matches("[0-9a-f]+");
    }
}
