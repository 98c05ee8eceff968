package io.contextstore.platform.web;

/**
 * What {@link JsonBodies} must know of a body's bytes before Jackson reads them: whether they are
 * well-formed UTF-8 and whether they hold anything but whitespace. One pass over the bytes, no String
 * and no char buffer: Jackson's byte parser then reads the same array once.
 *
 * <p>A hand loop rather than a {@code CharsetDecoder} because it allocates nothing and the ASCII bytes
 * that make up almost every body cost one comparison each. It refuses exactly what the JDK's strict
 * decoder refuses (RFC 3629): overlong forms, surrogates, code points above U+10FFFF, stray or missing
 * continuation bytes; {@code Utf8TextTest} holds the two to the same answers.
 */
final class Utf8Text {

    enum Shape {
        /** Not well-formed UTF-8. */
        INVALID,
        /** Nothing, or only characters {@link Character#isWhitespace(int)} calls white space (as {@link String#isBlank()}). */
        BLANK,
        /** Well-formed, with at least one character that is not white space. */
        TEXT
    }

    private Utf8Text() {
    }

    static Shape shape(byte[] bytes) {
        boolean blank = true;
        int i = 0;
        int end = bytes.length;
        while (i < end) {
            int lead = bytes[i] & 0xff;
            if (lead < 0x80) {
                blank = blank && Character.isWhitespace(lead);
                i++;
                continue;
            }
            int codePoint;
            if (lead >= 0xC2 && lead <= 0xDF) {
                if (i + 1 >= end || !continuation(bytes[i + 1], 0x80, 0xBF)) {
                    return Shape.INVALID;
                }
                codePoint = (lead & 0x1F) << 6 | bytes[i + 1] & 0x3F;
                i += 2;
            } else if (lead >= 0xE0 && lead <= 0xEF) {
                // E0 would be overlong below A0; ED would be a surrogate from A0
                int low = lead == 0xE0 ? 0xA0 : 0x80;
                int high = lead == 0xED ? 0x9F : 0xBF;
                if (i + 2 >= end || !continuation(bytes[i + 1], low, high) || !continuation(bytes[i + 2], 0x80, 0xBF)) {
                    return Shape.INVALID;
                }
                codePoint = (lead & 0x0F) << 12 | (bytes[i + 1] & 0x3F) << 6 | bytes[i + 2] & 0x3F;
                i += 3;
            } else if (lead >= 0xF0 && lead <= 0xF4) {
                // F0 would be overlong below 90; F4 goes past U+10FFFF from 90
                int low = lead == 0xF0 ? 0x90 : 0x80;
                int high = lead == 0xF4 ? 0x8F : 0xBF;
                if (i + 3 >= end || !continuation(bytes[i + 1], low, high) || !continuation(bytes[i + 2], 0x80, 0xBF)
                        || !continuation(bytes[i + 3], 0x80, 0xBF)) {
                    return Shape.INVALID;
                }
                // no white space lies outside the BMP, so a four-byte character always ends a blank run
                codePoint = Character.MIN_SUPPLEMENTARY_CODE_POINT;
                i += 4;
            } else {
                return Shape.INVALID;
            }
            blank = blank && Character.isWhitespace(codePoint);
        }
        return blank ? Shape.BLANK : Shape.TEXT;
    }

    private static boolean continuation(byte b, int low, int high) {
        int value = b & 0xff;
        return value >= low && value <= high;
    }
}
