package io.contextstore.client.tiers;

import java.util.List;

/**
 * The migrations for edits (ADR 39), in the tiers that hold editable kinds (org, projects): which item each pulled
 * version belongs to, so {@code ctx edit} and {@code ctx retract} can name the item of the row they change without
 * the network (an offline device edits too, and its edit is a conflict if the item moved on meanwhile). A row with
 * no entry is its own item (its first version). {@code IF NOT EXISTS}: a file taken back to an older version
 * (a downgrade and upgrade, or LocalSearchIT's old-schema file) may hold the table already.
 */
final class EditMigration {

    static final List<String> ITEMS = List.of(
            "CREATE TABLE IF NOT EXISTS item_of (event_id TEXT PRIMARY KEY, item_id TEXT NOT NULL)");

    /**
     * The next migration: the versions of an item by its id, so that search, list and show can mark a row in conflict
     * (how many current versions its item has, {@link Edits#current}) with a look-up per row shown instead of a scan
     * of every edit the tier ever pulled.
     */
    static final List<String> VERSIONS_BY_ITEM = List.of("CREATE INDEX IF NOT EXISTS item_of_by_item ON item_of (item_id)");

    private EditMigration() {
    }
}
