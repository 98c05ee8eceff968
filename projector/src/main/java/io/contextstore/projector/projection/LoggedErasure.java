package io.contextstore.projector.projection;

import java.util.UUID;

/**
 * An erasure read from the log (ADR 33): the keys of {@code userId} in {@code tenant} — of the whole tenant
 * when {@code userId} is null — were destroyed; the read model drops what they sealed, below {@code offset}.
 */
public record LoggedErasure(int partition, long offset, UUID tenant, String userId) {

    /** Whether it erases the whole tenant (a deletion), which ends the tenant's audit chain. */
    public boolean deletesTenant() {
        return userId == null;
    }
}
