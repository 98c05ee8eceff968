package io.contextstore.projector.projection;

import io.contextstore.events.EventKind;
import java.util.List;
import java.util.Map;

/**
 * What one batch does to one tenant's read model: the events to keep (in offset order), the
 * latest state of each entity of a state kind it touched (a task), the statistics to add and the new chain head.
 */
public record TenantPlan(List<KeptEvent> kept, List<KeptEvent> latestStates, Map<StatsKey, KindDelta> stats,
                         String chainHead, long events, int partition, long lastOffset) {

    /** Statistics are kept per kind, owner and project scope: {@code privateTo} and {@code projectScope} are "" when none. */
    public record StatsKey(EventKind kind, String privateTo, String projectScope) {
    }

    /** Events and last offset of one kind and owner in this batch. */
    public record KindDelta(long events, long lastOffset) {
    }

    /** Nothing to write: no event kept, and none unreadable that still moves the chain. */
    public boolean keepsNothing() {
        return kept.isEmpty() && lastOffset < 0;
    }
}
