package io.contextstore.projector.projection;

import java.util.Set;
import java.util.UUID;

/**
 * What the read model already holds of one tenant, as far as a batch needs it: the head of its
 * audit chain, which of the batch's event ids it has already kept, and, when known, the counts of its rows after its
 * statistics checkpoint (ADR 49).
 *
 * @param sinceCheckpoint the tenant's rows after its checkpoint, counted; null when not known (then moving the
 *                        checkpoint reads them)
 */
public record TenantState(String chainHead, long events, Set<UUID> knownEventIds, Counts sinceCheckpoint) {

    /** A state whose rows after the checkpoint are not known. */
    public TenantState(String chainHead, long events, Set<UUID> knownEventIds) {
        this(chainHead, events, knownEventIds, null);
    }

    /** A tenant with nothing: no chain, and no rows after a checkpoint it does not have. */
    public static TenantState empty() {
        return new TenantState(AuditChain.GENESIS, 0, Set.of(), Counts.NONE);
    }

    /** The same state, its rows after the checkpoint no longer known (an erasure deleted some). */
    public TenantState countsUnknown() {
        return new TenantState(chainHead, events, knownEventIds, null);
    }
}
