package io.contextstore.platform.crypto;

import java.security.SecureRandom;
import java.util.function.Supplier;

/** The one source of key material and nonces in production: tests inject their own suppliers instead. */
public final class CryptoRandom {

    private static final SecureRandom RANDOM = new SecureRandom();

    private CryptoRandom() {
    }

    public static Supplier<byte[]> bytes(int length) {
        return () -> {
            byte[] bytes = new byte[length];
            RANDOM.nextBytes(bytes);
            return bytes;
        };
    }

    /** 32 random bytes: a data key or a master key. */
    public static Supplier<byte[]> keys() {
        return bytes(Aead.KEY_BYTES);
    }

    /** 12 random bytes: an AES-GCM nonce. */
    public static Supplier<byte[]> nonces() {
        return bytes(Aead.NONCE_BYTES);
    }
}
