package io.contextstore.platform.auth;

/** A bearer token that is missing, malformed, unsigned, wrongly signed, expired or not meant for us: 401. */
public class InvalidTokenException extends RuntimeException {

    public InvalidTokenException(String message) {
        super(message);
    }

    public InvalidTokenException(String message, Throwable cause) {
        super(message, cause);
    }
}
