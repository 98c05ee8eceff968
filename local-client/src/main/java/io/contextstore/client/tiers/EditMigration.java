package io.contextstore.client.tiers;

import java.util.List;

/**
 * The migration for edits (ADR 39), in the tiers that hold editable kinds (org, projects): which item each pulled
 * version belongs to, so {@code ctx edit} and {@code ctx retract} can name the item of the row they change without
 * the network (an offline device edits too, and its edit is a conflict if the item moved on meanwhile). A row with
 * no entry is its own item (its first version). {@code IF NOT EXISTS}: a file taken back to an older version
 * (a downgrade and upgrade, or LocalSearchIT's old-schema file) may hold the table already.
 */
final class EditMigration {

    static final List<String> ITEMS = List.of(
            "CREATE TABLE IF NOT EXISTS item_of (event_id TEXT PRIMARY KEY, item_id TEXT NOT NULL)");

    private EditMigration() {
    }
}
