package io.contextstore.platform.auth;

import java.time.Duration;

/**
 * The keys that would verify a token cannot be had right now (the issuer's JWK Set is unreachable):
 * not the token's fault, so the caller should retry rather than log in again.
 */
public class KeysUnavailableException extends RuntimeException {

    private final Duration retryAfter;

    public KeysUnavailableException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
