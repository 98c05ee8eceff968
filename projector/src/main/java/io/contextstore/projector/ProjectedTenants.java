package io.contextstore.projector;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the projector tells the search indexer in the same process: the tenants its commits moved since the indexer
 * last looked at them (ADR 0030). The indexer looks at exactly those, instead of asking PostgreSQL every turn which of
 * all tenants lag, a query whose cost grows with every tenant ever projected. A tenant stays here until the indexer
 * takes it; a tenant moved again while it is being indexed is added again and looked at once more.
 */
public final class ProjectedTenants {

    private final Set<UUID> moved = ConcurrentHashMap.newKeySet();

    /** Called after a live read-model commit with the tenants it moved; also to hand a tenant back. */
    public void moved(Collection<UUID> tenants) {
        moved.addAll(tenants);
    }

    /** Some of the tenants waiting, at most {@code max}, without taking them. */
    public List<UUID> waiting(int max) {
        return moved.stream().limit(max).toList();
    }

    /** Takes the tenant before the indexer looks at it; false if it was not waiting. */
    public boolean take(UUID tenant) {
        return moved.remove(tenant);
    }

    public boolean isEmpty() {
        return moved.isEmpty();
    }
}
