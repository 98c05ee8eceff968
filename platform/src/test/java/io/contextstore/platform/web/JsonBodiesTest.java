package io.contextstore.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonBodiesTest {

    private final JsonBodies bodies = new JsonBodies(1 << 20);

    @Test
    void aUtf8ObjectIsReadWithItsNonAsciiText() {
        assertThat(bodies.parse(bytes("{\"title\": \"caf\u00e9 \u20ac \ud83d\ude00\"}")).get("title").stringValue())
                .isEqualTo("caf\u00e9 \u20ac \ud83d\ude00");
    }

    @Test
    void aByteOrderMarkIsRefused() {
        assertMalformed(bytes("\ufeff{}"), "byte order mark");
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedEvenInsideAString() {
        assertMalformed(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'}, "not valid UTF-8");
        assertMalformed(new byte[] {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'}, "not valid UTF-8");
        assertMalformed(new byte[] {'"', (byte) 0xE2, (byte) 0x82, '"'}, "not valid UTF-8");
    }

    @Test
    void anEmptyOrWhiteSpaceOnlyBodyIsRefusedAsEmpty() {
        assertMalformed(new byte[0], "the request body is empty");
        assertMalformed(bytes(" \n\t\r "), "the request body is empty");
        assertMalformed(bytes("\u3000\u2028"), "the request body is empty");
    }

    @Test
    void utf16TextWithoutAByteOrderMarkIsRefusedNotGuessed() {
        assertMalformed("{\"a\":1}".getBytes(StandardCharsets.UTF_16LE), "NUL");
        assertMalformed("{\"a\":1}".getBytes(StandardCharsets.UTF_16BE), "NUL");
        assertMalformed(new byte[] {'[', 0, ']'}, "NUL");
    }

    @Test
    void malformedJsonSaysWhere() {
        assertMalformed(bytes("{\"kind\": \"decision\", "), "line 1");
        assertMalformed(bytes("{} trailing"), "line 1");
        assertMalformed(bytes("{\"a\":1,\"a\":2}"), "\"a\"");
    }

    private void assertMalformed(byte[] body, String detail) {
        assertThatThrownBy(() -> bodies.parse(body))
                .isInstanceOfSatisfying(ApiProblem.class, problem -> assertThat(problem.getMessage()).contains(detail));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
