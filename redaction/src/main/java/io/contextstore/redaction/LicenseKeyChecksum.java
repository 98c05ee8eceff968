package io.contextstore.redaction;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * The shape and checksum of this system's license keys: {@code ctxs_} + 40 random base62 characters + a
 * 6-character base62 CRC-32 of those 40. Its one home: the platform issues and parses keys with it, the
 * detector confirms a leaked key with it (a {@code ctxs_} string whose checksum fails is not a key).
 */
public final class LicenseKeyChecksum {

    public static final String PREFIX = "ctxs_";
    public static final int RANDOM_LENGTH = 40;
    public static final int CHECKSUM_LENGTH = 6;
    public static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final Pattern SHAPE = Pattern.compile("ctxs_[0-9A-Za-z]{" + (RANDOM_LENGTH + CHECKSUM_LENGTH) + "}");

    private LicenseKeyChecksum() {
    }

    /** Whether {@code text} is exactly a key: the shape, and a checksum that matches its random part. */
    public static boolean isValid(String text) {
        if (text == null || !SHAPE.matcher(text).matches()) {
            return false;
        }
        String body = text.substring(PREFIX.length(), PREFIX.length() + RANDOM_LENGTH);
        return text.substring(PREFIX.length() + RANDOM_LENGTH).equals(checksum(body));
    }

    /** The six base62 characters that follow {@code body} (the 40 random characters) in a key. */
    public static String checksum(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        long value = crc.getValue();
        char[] out = new char[CHECKSUM_LENGTH];
        for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
            out[i] = BASE62.charAt((int) (value % 62));
            value /= 62;
        }
        return new String(out);
    }
}
