package io.contextstore.projector.store;

import io.contextstore.platform.db.ProjectionSignal;
import java.util.Collection;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Tells the query API which tenants a transaction moved forward (ADR 38). {@code NOTIFY} is transactional:
 * PostgreSQL delivers it at commit and drops it on rollback, so a listener is woken exactly when the rows
 * it will read are visible, never before. Identical signals of one transaction are folded into one.
 */
final class Signals {

    private Signals() {
    }

    static void send(JdbcClient jdbc, Collection<UUID> tenants, long position) {
        if (tenants.isEmpty()) {
            return;
        }
        String[] payloads = tenants.stream().distinct().map(t -> new ProjectionSignal(t, position).payload())
                .toArray(String[]::new);
        jdbc.sql("SELECT count(*) FROM (SELECT pg_notify(?, p) FROM unnest(?::text[]) p) sent")
                .param(ProjectionSignal.CHANNEL).param(payloads).query(Long.class).single();
    }
}
