package io.contextstore.query;

/**
 * How every read shows an edited item (ADR 39), as SQL over {@code item_versions}, one definition for lists, pulls,
 * streams, search and history: the item a row is a version of, and whether that item is in conflict (another of its
 * versions is current too). A row of an item never edited has no {@code item_versions} row: its item is itself.
 */
public final class ItemMarks {

    private ItemMarks() {
    }

    /** The join of an event row ({@code row}: an alias with tenant_id and kafka_offset) to its version, as {@code v}. */
    public static String join(String row) {
        return " LEFT JOIN item_versions v ON v.tenant_id = " + row + ".tenant_id AND v.kafka_offset = " + row + ".kafka_offset";
    }

    /** The item's id: the version's item, or the event itself. */
    public static String itemId(String row) {
        return "coalesce(v.item_id, " + row + ".event_id)";
    }

    /** Whether the row's item has another current version: in conflict until an edit names them all. */
    public static String conflict() {
        return "(v.item_id IS NOT NULL AND EXISTS (SELECT FROM item_versions o WHERE o.tenant_id = v.tenant_id"
                + " AND o.item_id = v.item_id AND o.current AND o.kafka_offset <> v.kafka_offset))";
    }
}
