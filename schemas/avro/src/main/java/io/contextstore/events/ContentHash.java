package io.contextstore.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The identity of a piece of context: SHA-256 (lowercase hex) of the RFC 8785 canonical JSON of the
 * item's content, and the event id derived from it and the tenant.
 */
public final class ContentHash {

    private ContentHash() {
    }

    public static String of(Object canonicalizableItem) {
        return ofCanonical(CanonicalJson.of(canonicalizableItem));
    }

    /** The hash of content already in canonical JSON. */
    public static String ofCanonical(String canonicalJson) {
        return HexFormat.of().formatHex(sha256(canonicalJson));
    }

    /**
     * A name-based UUID (version 8) from the tenant and the content hash, so every copy of the same
     * content answers with the same id, whichever copy reached the log first. The id of tenant-wide
     * kinds; see {@link EventIdentity} for the others.
     */
    public static UUID eventId(UUID tenantId, String contentHash) {
        return nameBasedId(tenantId + "/" + contentHash);
    }

    /** A UUID version 8 from the first 16 bytes of SHA-256 of {@code name}, with version and variant bits set. */
    static UUID nameBasedId(String name) {
        byte[] digest = sha256(name);
        digest[6] = (byte) ((digest[6] & 0x0f) | 0x80);
        digest[8] = (byte) ((digest[8] & 0x3f) | 0x80);
        long most = 0;
        long least = 0;
        for (int i = 0; i < 8; i++) {
            most = (most << 8) | (digest[i] & 0xff);
            least = (least << 8) | (digest[i + 8] & 0xff);
        }
        return new UUID(most, least);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
