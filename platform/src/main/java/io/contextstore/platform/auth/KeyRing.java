package io.contextstore.platform.auth;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Map;
import java.util.Optional;

/** The keys tokens are signed and verified with, by key id ({@code kid}). */
public interface KeyRing {

    /** Every key a token may have been signed with: the current one and those rotated out but not yet retired. */
    Map<String, PublicKey> verificationKeys();

    /**
     * The key that verifies tokens naming {@code keyId}. A ring that fetches its keys from elsewhere
     * looks again for an id it does not know yet: the issuer may have rotated since the last fetch.
     */
    default Optional<PublicKey> verificationKey(String keyId) {
        return Optional.ofNullable(verificationKeys().get(keyId));
    }

    /** The key new tokens are signed with; empty for services that only verify. */
    Optional<SigningKey> signingKey();

    record SigningKey(String keyId, PrivateKey privateKey) {
    }
}
