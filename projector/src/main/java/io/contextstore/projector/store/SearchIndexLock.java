package io.contextstore.projector.store;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The tenant's search position row, locked for the rest of the transaction: the search indexer copies events into
 * search_documents while it holds it, so a transaction that removes documents (a replaced version, an erasure) and
 * holds it first is never undone by a copy made from an older snapshot. The row is created if missing: locking a
 * row that does not exist locks nothing, and a new tenant's indexer could then insert its row and copy, in a
 * transaction not yet visible, a version this one is replacing (seen in CI: EditsIT found the replaced version
 * still searchable). The insert waits for the indexer's own uncommitted insert of the row, and the other way round.
 */
final class SearchIndexLock {

    private SearchIndexLock() {
    }

    static void take(JdbcClient jdbc, UUID tenant) {
        jdbc.sql("INSERT INTO search_positions (tenant_id, indexed_to) VALUES (?, -1) ON CONFLICT DO NOTHING")
                .param(tenant).update();
        jdbc.sql("SELECT 1 FROM search_positions WHERE tenant_id = ? FOR UPDATE").param(tenant).query(Integer.class).list();
    }
}
