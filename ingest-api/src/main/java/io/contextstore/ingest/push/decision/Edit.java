package io.contextstore.ingest.push.decision;

import java.util.List;
import java.util.UUID;

/**
 * What a pushed edit names (ADR 39): the item (the id of its first version) and the versions it replaces, by cursor,
 * ascending and distinct. Not part of the content: the same text as the item's new version is the same content.
 */
public record Edit(UUID itemId, List<Long> versions) {

    public Edit {
        versions = List.copyOf(versions);
    }
}
