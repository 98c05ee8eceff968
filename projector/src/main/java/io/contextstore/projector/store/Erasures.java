package io.contextstore.projector.store;

import io.contextstore.events.ErasedAuthor;
import io.contextstore.events.EventKind;
import io.contextstore.platform.stats.SyncCounts;
import io.contextstore.projector.projection.LoggedErasure;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What an erasure does to the read model (ADR 33), inside the transaction that moves its partition past
 * it, so a crash before the commit leaves it for the next run to do again (it is idempotent). Everything
 * below the erasure's offset: a user's own kinds' rows and personal items are deleted, the user's shared rows stay (their
 * content is the tenant's) with the author replaced by {@link ErasedAuthor#NAME}; a deleted tenant loses every row,
 * its chain head included.
 * Statistics of what was deleted are counted again from what remains, as a rebuild would count them.
 */
final class Erasures {

    private Erasures() {
    }

    /** The kinds sealed under their author's own key (ADR 33). */
    private static final String[] OWN_KINDS = java.util.Arrays.stream(EventKind.values())
            .filter(kind -> kind.visibility() == EventKind.Visibility.USER).map(EventKind::wireName).toArray(String[]::new);

    static void apply(JdbcClient jdbc, LoggedErasure erasure) {
        UUID tenant = erasure.tenant();
        long before = erasure.offset();
        String user = erasure.userId();
        // taken first, the indexer cannot copy rows this transaction is deleting
        SearchIndexLock.take(jdbc, tenant);
        String anonymize = " SET user_id = '" + ErasedAuthor.NAME + "', device_id = '" + ErasedAuthor.NAME + "'";
        for (EventKind kind : EventKind.values()) {
            String scope = " WHERE tenant_id = ? AND " + (kind.isState() ? "last_offset" : "kafka_offset") + " < ?";
            if (user == null) {
                run(jdbc, "DELETE FROM " + kind.table() + scope, tenant, before);
            } else if (kind.visibility() == EventKind.Visibility.USER) {
                run(jdbc, "DELETE FROM " + kind.table() + scope + " AND user_id = ?", tenant, before, user);
            } else {
                // a personal item of a shared kind (ADR 36) is sealed under its author's key: it goes, like their own kinds
                run(jdbc, "DELETE FROM " + kind.table() + scope + " AND user_id = ? AND kafka_offset IN (SELECT kafka_offset"
                        + " FROM context_events WHERE tenant_id = ? AND private_to = ?)", tenant, before, user, tenant, user);
                run(jdbc, "UPDATE " + kind.table() + anonymize + scope + " AND user_id = ?", tenant, before, user);
            }
        }
        String scope = " WHERE tenant_id = ? AND kafka_offset < ?";
        if (user == null) {
            run(jdbc, "DELETE FROM context_events" + scope, tenant, before);
            run(jdbc, "DELETE FROM search_documents" + scope, tenant, before);
            run(jdbc, "DELETE FROM item_versions" + scope, tenant, before);
            // A deleted tenant keeps no chain, counts or positions either: it starts again from nothing.
            for (String table : new String[] {"tenant_streams", "search_positions"}) {
                run(jdbc, "DELETE FROM " + table + " WHERE tenant_id = ?", tenant);
            }
        } else {
            // What is sealed under the user's key goes: their own kinds' events, personal or shared (ADR 36: a share
            // of a message keeps its author's key, so a rebuild could not read it either); their other items stay,
            // without their name.
            run(jdbc, "WITH gone AS (DELETE FROM context_events" + scope + " AND (private_to = ? OR (user_id = ?"
                    + " AND kind = ANY (?))) RETURNING kafka_offset) DELETE FROM search_documents WHERE tenant_id = ?"
                    + " AND kafka_offset IN (SELECT kafka_offset FROM gone)", tenant, before, user, user, OWN_KINDS, tenant);
            run(jdbc, "UPDATE context_events" + anonymize + scope + " AND private_to IS NULL AND user_id = ?", tenant, before, user);
        }
        recount(jdbc, tenant);
        if (user != null) { // what pulls pass on to devices; a deleted tenant has no devices left to tell
            run(jdbc, "INSERT INTO erased_subjects (tenant_id, kafka_offset, user_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    tenant, before, user);
        }
    }

    /**
     * The tenant's statistics checkpoint, counted again from the events that remain up to it (as a rebuild counts
     * readable ones; ADR 49): the whole tenant, since an erased user's shared items were counted with everyone's. A
     * deleted tenant has no checkpoint left, so nothing is counted.
     */
    private static void recount(JdbcClient jdbc, UUID tenant) {
        run(jdbc, "DELETE FROM sync_stats WHERE tenant_id = ?", tenant);
        run(jdbc, "INSERT INTO sync_stats (tenant_id, kind, private_to, project_scope, events, last_offset) "
                + SyncCounts.countRows("tenant_id = ? AND kafka_offset <= (SELECT counted_to FROM tenant_streams WHERE tenant_id = ?)"),
                tenant, tenant);
    }

    private static void run(JdbcClient jdbc, String sql, Object... params) {
        jdbc.sql(sql).params(params).update();
    }
}
