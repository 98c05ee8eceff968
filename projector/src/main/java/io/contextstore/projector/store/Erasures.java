package io.contextstore.projector.store;

import io.contextstore.events.ErasedAuthor;
import io.contextstore.events.EventKind;
import io.contextstore.projector.projection.LoggedErasure;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What an erasure does to the read model (ADR 33), inside the transaction that moves its partition past
 * it, so a crash before the commit leaves it for the next run to do again (it is idempotent). Everything
 * below the erasure's offset: a user's own kinds' rows are deleted, the user's shared rows stay (their
 * content is the tenant's) with the author replaced by {@link ErasedAuthor#NAME}; a deleted tenant loses every row,
 * its chain head included.
 * Statistics of what was deleted are counted again from what remains, as a rebuild would count them.
 */
final class Erasures {

    private Erasures() {
    }

    static void apply(JdbcClient jdbc, LoggedErasure erasure) {
        UUID tenant = erasure.tenant();
        long before = erasure.offset();
        String user = erasure.userId();
        // The search indexer copies context_events into search_documents under this lock: taking it first
        // means it cannot copy rows this transaction is deleting.
        jdbc.sql("SELECT 1 FROM search_positions WHERE tenant_id = ? FOR UPDATE").param(tenant).query(Integer.class).list();
        String anonymize = " SET user_id = '" + ErasedAuthor.NAME + "', device_id = '" + ErasedAuthor.NAME + "'";
        for (EventKind kind : EventKind.values()) {
            String scope = " WHERE tenant_id = ? AND " + (kind.isState() ? "last_offset" : "kafka_offset") + " < ?";
            if (user == null) {
                run(jdbc, "DELETE FROM " + kind.table() + scope, tenant, before);
            } else if (kind.visibility() == EventKind.Visibility.USER) {
                run(jdbc, "DELETE FROM " + kind.table() + scope + " AND user_id = ?", tenant, before, user);
            } else {
                run(jdbc, "UPDATE " + kind.table() + anonymize + scope + " AND user_id = ?", tenant, before, user);
            }
        }
        String scope = " WHERE tenant_id = ? AND kafka_offset < ?";
        if (user == null) {
            run(jdbc, "DELETE FROM context_events" + scope, tenant, before);
            run(jdbc, "DELETE FROM search_documents" + scope, tenant, before);
            // A deleted tenant keeps no chain, counts or positions either: it starts again from nothing.
            for (String table : new String[] {"tenant_streams", "search_backlog", "search_positions"}) {
                run(jdbc, "DELETE FROM " + table + " WHERE tenant_id = ?", tenant);
            }
        } else {
            run(jdbc, "DELETE FROM context_events" + scope + " AND private_to = ?", tenant, before, user);
            run(jdbc, "UPDATE context_events" + anonymize + scope + " AND private_to IS NULL AND user_id = ?", tenant, before, user);
            run(jdbc, "DELETE FROM search_documents" + scope + " AND private_to = ?", tenant, before, user);
        }
        recount(jdbc, tenant, user);
        if (user != null) { // what pulls pass on to devices; a deleted tenant has no devices left to tell
            run(jdbc, "INSERT INTO erased_subjects (tenant_id, kafka_offset, user_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    tenant, before, user);
        }
    }

    /** Statistics of the erased scope, counted from the events that remain (as a rebuild counts readable ones). */
    private static void recount(JdbcClient jdbc, UUID tenant, String user) {
        String scope = user == null ? "" : " AND private_to = ?";
        Object[] params = user == null ? new Object[] {tenant} : new Object[] {tenant, user};
        run(jdbc, "DELETE FROM sync_stats WHERE tenant_id = ?" + scope, params);
        run(jdbc, "INSERT INTO sync_stats (tenant_id, kind, private_to, events, last_offset) "
                + "SELECT tenant_id, kind, coalesce(private_to, ''), count(*), max(kafka_offset) FROM context_events "
                + "WHERE tenant_id = ?" + scope + " GROUP BY tenant_id, kind, coalesce(private_to, '')", params);
    }

    private static void run(JdbcClient jdbc, String sql, Object... params) {
        jdbc.sql(sql).params(params).update();
    }
}
