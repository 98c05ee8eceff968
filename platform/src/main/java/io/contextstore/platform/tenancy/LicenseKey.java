package io.contextstore.platform.tenancy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * A license key: {@code ctxs_} + 40 random base62 characters (about 238 bits) + a 6-character
 * CRC-32 checksum. The fixed prefix lets secret scanners spot leaked keys, the checksum lets them
 * (and the login) reject mistyped ones without a database lookup. Only the SHA-256 hash is stored.
 */
public record LicenseKey(String value) {

    public static final String PREFIX = "ctxs_";
    private static final int RANDOM_LENGTH = 40;
    private static final int CHECKSUM_LENGTH = 6;
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final Pattern SHAPE = Pattern.compile("ctxs_[0-9A-Za-z]{" + (RANDOM_LENGTH + CHECKSUM_LENGTH) + "}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public static LicenseKey generate() {
        StringBuilder body = new StringBuilder(RANDOM_LENGTH);
        for (int i = 0; i < RANDOM_LENGTH; i++) {
            body.append(BASE62.charAt(RANDOM.nextInt(BASE62.length())));
        }
        return new LicenseKey(PREFIX + body + checksum(body.toString()));
    }

    /** The key, if the text has a key's shape and a matching checksum. */
    public static Optional<LicenseKey> parse(String text) {
        if (text == null || !SHAPE.matcher(text).matches()) {
            return Optional.empty();
        }
        String body = text.substring(PREFIX.length(), PREFIX.length() + RANDOM_LENGTH);
        String checksum = text.substring(PREFIX.length() + RANDOM_LENGTH);
        return checksum.equals(checksum(body)) ? Optional.of(new LicenseKey(text)) : Optional.empty();
    }

    /** What the database stores: SHA-256 of the whole key, lowercase hex. */
    public String hash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The last four characters, for operators to tell keys apart in listings. */
    public String hint() {
        return PREFIX + "…" + value.substring(value.length() - 4);
    }

    @Override
    public String toString() {
        return hint();
    }

    private static String checksum(String body) {
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
