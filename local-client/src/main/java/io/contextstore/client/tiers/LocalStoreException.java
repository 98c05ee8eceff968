package io.contextstore.client.tiers;

/** A local file that cannot be opened, read or written. */
public class LocalStoreException extends RuntimeException {

    public LocalStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
