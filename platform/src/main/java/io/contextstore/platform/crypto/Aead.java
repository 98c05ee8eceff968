package io.contextstore.platform.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** AES-256-GCM with a 96-bit nonce and a 128-bit tag: {@code nonce ‖ ciphertext ‖ tag}. One home for the cipher. */
final class Aead {

    static final int KEY_BYTES = 32;
    static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** A Cipher per thread: getInstance looks the provider up every time, which costs more than sealing 1 KiB. */
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is in every JVM", e);
        }
    });

    private Aead() {
    }

    static SecretKey key(byte[] material) {
        if (material.length != KEY_BYTES) {
            throw new IllegalArgumentException("an AES-256 key has 32 bytes, not " + material.length);
        }
        return new SecretKeySpec(material, "AES");
    }

    static byte[] seal(SecretKey key, byte[] nonce, byte[] aad, byte[] plaintext) {
        if (nonce.length != NONCE_BYTES) {
            throw new IllegalArgumentException("a GCM nonce here has 12 bytes, not " + nonce.length);
        }
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad);
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is in every JVM", e);
        }
    }

    /** @throws GeneralSecurityException when the tag does not verify (wrong key, wrong context, altered bytes) */
    static byte[] open(SecretKey key, byte[] aad, byte[] sealed, int from) throws GeneralSecurityException {
        if (sealed.length - from < NONCE_BYTES + TAG_BITS / 8) {
            throw new javax.crypto.AEADBadTagException("too short");
        }
        Cipher cipher = CIPHERS.get();
        cipher.init(Cipher.DECRYPT_MODE, key,
                new GCMParameterSpec(TAG_BITS, Arrays.copyOfRange(sealed, from, from + NONCE_BYTES)));
        cipher.updateAAD(aad);
        return cipher.doFinal(sealed, from + NONCE_BYTES, sealed.length - from - NONCE_BYTES);
    }
}
