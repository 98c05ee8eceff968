package io.contextstore.projector.projection;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The per-tenant tamper-evident chain over the events kept in the read model, in offset order:
 * {@code chain = SHA-256(previous ‖ content_hash ‖ offset)} where previous is the 32 bytes of the
 * previous chain (32 zero bytes before the first event), content_hash its 32 bytes, and offset
 * 8 bytes big-endian. Chains are written as lowercase hex.
 */
public final class AuditChain {

    /** The head of a tenant with no events yet. */
    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {
    }

    public static String next(String previous, String contentHash, long offset) {
        HexFormat hex = HexFormat.of();
        ByteBuffer input = ByteBuffer.allocate(32 + 32 + 8);
        input.put(hex.parseHex(previous));
        input.put(hex.parseHex(contentHash));
        input.putLong(offset);
        try {
            return hex.formatHex(MessageDigest.getInstance("SHA-256").digest(input.array()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
