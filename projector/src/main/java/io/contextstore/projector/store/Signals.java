package io.contextstore.projector.store;

import io.contextstore.platform.db.ProjectionSignal;
import java.util.Map;
import java.util.UUID;

/**
 * Tells the query API which tenants a transaction moved forward (ADR 38), as the payloads {@link PollOffsets#move}
 * sends with {@code pg_notify}. {@code NOTIFY} is transactional: PostgreSQL delivers it at commit and drops it on
 * rollback, so a listener is woken exactly when the rows it will read are visible, never before. Identical signals of
 * one transaction are folded into one.
 */
final class Signals {

    private Signals() {
    }

    /** One payload per tenant, with the position its partition moved to. */
    static String[] payloads(Map<UUID, Long> positions) {
        return positions.entrySet().stream().map(e -> new ProjectionSignal(e.getKey(), e.getValue()).payload())
                .toArray(String[]::new);
    }
}
