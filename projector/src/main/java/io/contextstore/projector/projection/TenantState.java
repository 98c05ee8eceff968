package io.contextstore.projector.projection;

import java.util.Set;
import java.util.UUID;

/**
 * What the read model already holds of one tenant, as far as a batch needs it: the head of its
 * audit chain and which of the batch's event ids it has already kept.
 */
public record TenantState(String chainHead, long events, Set<UUID> knownEventIds) {

    public static TenantState empty() {
        return new TenantState(AuditChain.GENESIS, 0, Set.of());
    }
}
