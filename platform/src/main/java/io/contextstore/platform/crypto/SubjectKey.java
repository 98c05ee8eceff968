package io.contextstore.platform.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The data key of one subject (a user of a tenant, or the tenant itself): it seals that subject's fields
 * and keys the hash of their content (ADR 33). Destroying its row makes both unreadable and unguessable.
 *
 * <p>A sealed value is {@code 0x01 ‖ key id (16 bytes) ‖ nonce (12) ‖ AES-256-GCM ciphertext ‖ tag (16)}.
 */
public final class SubjectKey {

    static final byte VERSION = 1;
    /** A Mac per thread, as {@link Aead} keeps its Cipher: the provider lookup is the expensive part. */
    private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is in every JVM", e);
        }
    });
    private static final int HEADER = 1 + 16;

    private final UUID keyId;
    private final SecretKey key;
    private final SecretKeySpec hashKey;

    public SubjectKey(UUID keyId, byte[] material) {
        this.keyId = keyId;
        this.key = Aead.key(material);
        // A separate key for hashing, derived so one secret serves both and dies with the row.
        this.hashKey = new SecretKeySpec(hmac(new SecretKeySpec(material, "HmacSHA256"),
                "contextstore/content-hash/v1".getBytes(StandardCharsets.UTF_8)), "HmacSHA256");
    }

    public UUID keyId() {
        return keyId;
    }

    /** HMAC-SHA256 (hex) of canonical JSON: what the log carries as content_hash of sealed content. */
    public String contentHash(String canonicalJson) {
        return HexFormat.of().formatHex(hmac(hashKey, canonicalJson.getBytes(StandardCharsets.UTF_8)));
    }

    public byte[] seal(byte[] nonce, byte[] aad, byte[] plaintext) {
        byte[] sealed = Aead.seal(key, nonce, aad, plaintext);
        ByteBuffer out = ByteBuffer.allocate(HEADER + sealed.length);
        out.put(VERSION).putLong(keyId.getMostSignificantBits()).putLong(keyId.getLeastSignificantBits()).put(sealed);
        return out.array();
    }

    /** @throws GeneralSecurityException when the value was not sealed by this key for this {@code aad}, or was altered */
    public byte[] open(byte[] aad, byte[] sealed) throws GeneralSecurityException {
        if (!keyId.equals(keyIdOf(sealed))) {
            throw new GeneralSecurityException("sealed under another key");
        }
        return Aead.open(key, aad, sealed, HEADER);
    }

    /** The key a sealed value needs, read from its header. */
    public static UUID keyIdOf(byte[] sealed) {
        if (sealed.length < HEADER || sealed[0] != VERSION) {
            throw new IllegalArgumentException("not a sealed value of version " + VERSION);
        }
        ByteBuffer in = ByteBuffer.wrap(sealed, 1, 16);
        return new UUID(in.getLong(), in.getLong());
    }

    private static byte[] hmac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = MACS.get();
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is in every JVM", e);
        }
    }
}
