package io.contextstore.query;

/**
 * Cursors are positions in a tenant's partition, as Kafka counts them (ADR 8): the offset of the next
 * event to read, so 0 — or no cursor — is the beginning, as the original clients mean it.
 */
public final class Cursors {

    /** Release 1 of the local client started from -1; it still means the beginning. */
    private static final long LEGACY_BEGINNING = -1;

    private Cursors() {
    }

    public static long position(QueryParameters parameters, String name) {
        return Math.max(0, parameters.longValue(name, 0, LEGACY_BEGINNING, Long.MAX_VALUE));
    }
}
