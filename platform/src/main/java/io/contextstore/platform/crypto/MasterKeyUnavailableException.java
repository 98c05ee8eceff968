package io.contextstore.platform.crypto;

/**
 * A data key is wrapped by a master key this process does not hold (or no master key is configured).
 * Never means "erased": the projector stops and retries instead of projecting the event as unreadable.
 */
public final class MasterKeyUnavailableException extends RuntimeException {

    public MasterKeyUnavailableException(String message) {
        super(message);
    }
}
