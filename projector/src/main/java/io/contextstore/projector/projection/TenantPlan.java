package io.contextstore.projector.projection;

import java.util.List;

/**
 * What one batch does to one tenant's read model: the events to keep (in offset order), the latest state of each
 * entity of a state kind it touched (a task), the new chain head and count, and where the tenant's statistics
 * checkpoint moves to.
 *
 * @param countedTo the offset the statistics checkpoint moves to (ADR 49), or -1 when this batch does not move it
 */
public record TenantPlan(List<KeptEvent> kept, List<KeptEvent> latestStates, String chainHead, long events,
                         int partition, long lastOffset, long countedTo) {

    /** Nothing to write: no event kept, and none unreadable that still moves the chain. */
    public boolean keepsNothing() {
        return kept.isEmpty() && lastOffset < 0;
    }

    /** Whether this batch moves the statistics checkpoint. */
    public boolean movesCheckpoint() {
        return countedTo >= 0;
    }
}
