package io.contextstore.projector.projection;

import io.contextstore.events.Supersedes;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What a batch's edits do to their items (ADR 39), without I/O: each edit in offset order, decided by
 * {@link EditDecision} against its item as the earlier events left it. The answer is the touched items' states after
 * the batch; the adapter writes their versions and removes what stopped being current from lists and search.
 *
 * <p>Which event is an item does not depend on where a batch ends (I5): an event of an editable kind is an item
 * unless it was applied as a version of another; so an item first pushed in this batch is found here, one pushed
 * earlier is in {@code known}.
 */
public final class ItemEdits {

    private ItemEdits() {
    }

    /** The item ids the batch's edits name: the states the adapter must read first. */
    public static Set<UUID> named(List<KeptEvent> kept) {
        return kept.stream().map(k -> k.event().getSupersedes()).filter(s -> s != null)
                .map(ItemEdits::itemId).filter(id -> id != null).collect(Collectors.toSet());
    }

    /**
     * @param kept  the batch's kept events, in offset order
     * @param known the named items as the read model holds them before the batch (absent: not an item there)
     * @return the items the batch changed, after it, in the order first changed
     */
    public static Map<UUID, ItemState> plan(List<KeptEvent> kept, Map<UUID, ItemState> known) {
        Map<UUID, ItemState> changed = new LinkedHashMap<>();
        Map<UUID, ItemState> fromBatch = new HashMap<>();
        for (KeptEvent event : kept) {
            UUID eventId = event.event().getEventId();
            Supersedes supersedes = event.event().getSupersedes();
            if (supersedes != null) {
                UUID itemId = itemId(supersedes);
                ItemState item = changed.containsKey(itemId) ? changed.get(itemId)
                        : known.containsKey(itemId) ? known.get(itemId) : fromBatch.get(itemId);
                if (itemId != null && EditDecision.decide(item, event.kind(), eventId, event.offset(), supersedes)
                        instanceof EditDecision.Applied applied) {
                    changed.put(itemId, applied.item());
                    continue;
                }
            }
            if (event.kind().editable()) { // a first version, or an edit that changed nothing: an item of its own
                fromBatch.put(eventId, ItemState.original(eventId, event.kind(), event.offset()));
            }
        }
        return changed;
    }

    private static UUID itemId(Supersedes supersedes) {
        try {
            return UUID.fromString(supersedes.getItemId());
        } catch (IllegalArgumentException notAnId) {
            return null;
        }
    }
}
