package io.contextstore.client.edits;

import io.contextstore.client.items.Kind;
import io.contextstore.events.EventKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An item this machine holds more than one current version of (ADR 39): two edits of one version, or an edit of a
 * version already replaced, met in its tiers. An edit naming every one of {@link #current()} resolves it.
 */
public record Conflict(String itemId, List<LocalVersion> versions) {

    private static final Comparator<LocalVersion> BY_CURSOR = Comparator.comparingLong(LocalVersion::cursor);

    public Conflict {
        versions = versions.stream().sorted(BY_CURSOR).toList();
    }

    /**
     * The items in conflict among current versions of edited items: those with more than one, each with its versions
     * oldest first, ordered as the server orders its conflicts (the most recently conflicting last).
     */
    public static List<Conflict> among(Collection<LocalVersion> versions) {
        Map<String, List<LocalVersion>> byItem = versions.stream()
                .collect(Collectors.groupingBy(LocalVersion::itemId, LinkedHashMap::new, Collectors.toCollection(ArrayList::new)));
        return byItem.entrySet().stream().filter(item -> item.getValue().size() > 1)
                .map(item -> new Conflict(item.getKey(), item.getValue()))
                .sorted(Comparator.comparingLong(Conflict::latest).thenComparing(Conflict::itemId)).toList();
    }

    /** The versions an edit resolving it names. */
    public List<Long> current() {
        return versions.stream().map(LocalVersion::cursor).toList();
    }

    /** The item's kind: its versions', a retraction being a version of any kind; a retraction when every one is. */
    public Kind kind() {
        Kind retraction = Kind.of(EventKind.RETRACTION);
        return versions.stream().map(LocalVersion::kind).filter(kind -> kind != retraction).findFirst().orElse(retraction);
    }

    private long latest() {
        return versions.get(versions.size() - 1).cursor();
    }

    /** As the server's {@code GET …/conflicts} shows a conflict: the item's history, its versions being its current ones. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("item_id", itemId);
        json.put("kind", kind().wireName());
        json.put("conflict", true);
        json.put("current", current());
        json.put("versions", versions.stream().map(version -> (Object) version.toJson()).toList());
        return json;
    }
}
