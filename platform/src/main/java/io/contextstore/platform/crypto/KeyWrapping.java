package io.contextstore.platform.crypto;

/**
 * Wraps and unwraps data keys under a master key that never leaves it: the seam where a KMS plugs in
 * (ADR 33). {@link MasterKeyRing} is the implementation for a key in a file or the environment.
 */
public interface KeyWrapping {

    /** A data key encrypted under the master key {@code masterKeyId}. */
    record WrappedKey(String masterKeyId, byte[] bytes) {
    }

    /** The master key that new wraps use. */
    String currentKeyId();

    /** @param context bound to the wrapped key (its tenant, subject and id): a wrapped key moved to another row does not unwrap */
    WrappedKey wrap(byte[] dataKey, byte[] context);

    /** @throws MasterKeyUnavailableException if the master key that wrapped it is not held here */
    byte[] unwrap(WrappedKey wrapped, byte[] context);
}
