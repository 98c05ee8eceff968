package io.contextstore.client.tiers;

/**
 * A confirmed row's item and how many current versions of it the tier holds after its last pull (ADR 39): offline,
 * what the server's lists and search say with {@code item_id} and {@code conflict}.
 */
public record CurrentVersions(String itemId, int count) {

    /** Two edits met: the item has more than one current version until an edit names them all. */
    public boolean conflict() {
        return count > 1;
    }
}
