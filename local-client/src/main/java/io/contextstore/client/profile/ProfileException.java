package io.contextstore.client.profile;

/**
 * A profile that cannot be used as asked: an unknown profile, a name that is not one, a binding to a directory that is
 * not there. Thrown before anything is written; {@code ctx} exits with its own code for it.
 */
public final class ProfileException extends RuntimeException {

    public ProfileException(String message) {
        super(message);
    }
}
