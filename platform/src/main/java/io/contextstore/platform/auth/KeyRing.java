package io.contextstore.platform.auth;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Map;
import java.util.Optional;

/** The keys tokens are signed and verified with, by key id ({@code kid}). */
public interface KeyRing {

    /** Every key a token may have been signed with: the current one and those rotated out but not yet retired. */
    Map<String, PublicKey> verificationKeys();

    /** The key new tokens are signed with; empty for services that only verify. */
    Optional<SigningKey> signingKey();

    record SigningKey(String keyId, PrivateKey privateKey) {
    }
}
