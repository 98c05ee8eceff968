package io.contextstore.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.platform.web.Utf8Text.Shape;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8TextTest {

    private static final int[] EDGES = {0x00, 0x20, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2,
        0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF};

    private final CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    @Test
    void everyOneAndTwoByteSequenceGetsTheJdkStrictDecodersAnswer() {
        List<String> disagreements = new ArrayList<>();
        for (int a = 0; a < 256; a++) {
            compare(new byte[] {(byte) a}, disagreements);
            for (int b = 0; b < 256; b++) {
                compare(new byte[] {(byte) a, (byte) b}, disagreements);
            }
        }
        assertThat(disagreements).isEmpty();
    }

    @Test
    void everyThreeAndFourByteSequenceAtTheRangeEdgesGetsTheJdkStrictDecodersAnswer() {
        List<String> disagreements = new ArrayList<>();
        for (int a = 0xC0; a < 256; a++) {
            for (int b : EDGES) {
                for (int c : EDGES) {
                    compare(new byte[] {(byte) a, (byte) b, (byte) c}, disagreements);
                    for (int d : EDGES) {
                        compare(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d}, disagreements);
                    }
                }
            }
        }
        assertThat(disagreements).isEmpty();
    }

    @Test
    void randomMixturesOfCharactersAndStrayBytesGetTheJdkStrictDecodersAnswer() {
        Random random = new Random(11);
        String[] pieces = {"a", " ", "\n", "é", "€", "😀", "\u3000", "\u2028"};
        List<String> disagreements = new ArrayList<>();
        for (int round = 0; round < 20_000; round++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(6); n >= 0; n--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            if (round % 2 == 0 && bytes.length > 0) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
            compare(bytes, disagreements);
        }
        assertThat(disagreements).isEmpty();
    }

    @Test
    void aBodyIsBlankExactlyWhenItsTextIsBlankForEveryCharacterOfTheBasicPlane() {
        List<String> disagreements = new ArrayList<>();
        for (int c = 0; c <= 0xFFFF; c++) {
            if (Character.isSurrogate((char) c)) {
                continue;
            }
            compare((" " + (char) c + "\t").getBytes(StandardCharsets.UTF_8), disagreements);
        }
        assertThat(disagreements).isEmpty();
        assertThat(Utf8Text.shape(new byte[0])).isEqualTo(Shape.BLANK);
    }

    private void compare(byte[] bytes, List<String> disagreements) {
        Shape expected;
        try {
            expected = strict.decode(ByteBuffer.wrap(bytes)).toString().isBlank() ? Shape.BLANK : Shape.TEXT;
        } catch (CharacterCodingException e) {
            expected = Shape.INVALID;
        }
        Shape actual = Utf8Text.shape(bytes);
        if (actual != expected) {
            disagreements.add(HexFormat.ofDelimiter(" ").formatHex(bytes) + ": " + actual + ", JDK " + expected);
        }
    }
}
