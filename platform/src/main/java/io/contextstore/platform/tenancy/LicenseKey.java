package io.contextstore.platform.tenancy;

import io.contextstore.redaction.LicenseKeyChecksum;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A license key: {@code ctxs_} + 40 random base62 characters (about 238 bits) + a 6-character
 * CRC-32 checksum. The fixed prefix lets secret scanners spot leaked keys, the checksum lets them
 * (and the login) reject mistyped ones without a database lookup; the checksum lives in the redaction module
 * ({@link LicenseKeyChecksum}), whose detector confirms leaked keys with it. Only the SHA-256 hash is stored.
 */
public record LicenseKey(String value) {

    public static final String PREFIX = LicenseKeyChecksum.PREFIX;
    private static final String BASE62 = LicenseKeyChecksum.BASE62;
    private static final SecureRandom RANDOM = new SecureRandom();

    public static LicenseKey generate() {
        StringBuilder body = new StringBuilder(LicenseKeyChecksum.RANDOM_LENGTH);
        for (int i = 0; i < LicenseKeyChecksum.RANDOM_LENGTH; i++) {
            body.append(BASE62.charAt(RANDOM.nextInt(BASE62.length())));
        }
        return new LicenseKey(PREFIX + body + LicenseKeyChecksum.checksum(body.toString()));
    }

    /** The key, if the text has a key's shape and a matching checksum. */
    public static Optional<LicenseKey> parse(String text) {
        return LicenseKeyChecksum.isValid(text) ? Optional.of(new LicenseKey(text)) : Optional.empty();
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
}
