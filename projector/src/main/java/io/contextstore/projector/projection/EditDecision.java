package io.contextstore.projector.projection;

import io.contextstore.events.EventKind;
import io.contextstore.events.Supersedes;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What one edit does to its item (ADR 39), decided by log order alone, so a rebuild decides the same (I5): the
 * versions it names stop being current and it becomes current, so an edit naming every current version makes the
 * item current again (or retracted), and one naming fewer, or a version already replaced (two devices editing the
 * same version, or one offline for a week), leaves several current versions: a conflict, kept until an edit names
 * them all. An edit the item cannot take (an unknown item, another kind, a version that is not the item's) changes
 * no item: its event stays a standalone one. The ingest refuses such edits; this is the projector's own rule for a
 * log that has them anyway (entries older than the ingest's checks).
 */
public final class EditDecision {

    public sealed interface Outcome permits Applied, Ignored {
    }

    /** The edit is the item's new version; {@code item} is the item after it. */
    public record Applied(ItemState item) implements Outcome {

        public boolean conflict() {
            return item.inConflict();
        }
    }

    /** The edit changes no item, for {@code reason} (not content: safe to count or log). */
    public record Ignored(String reason) implements Outcome {
    }

    private EditDecision() {
    }

    /**
     * @param item  the item the edit names, as the read model holds it before the edit; null when there is none
     * @param kind  the edit's own kind (its item's kind, or a retraction)
     */
    public static Outcome decide(ItemState item, EventKind kind, UUID eventId, long offset, Supersedes supersedes) {
        if (item == null) {
            return new Ignored("no such item");
        }
        if (!item.kind().editable() || kind != EventKind.RETRACTION && kind != item.kind()) {
            return new Ignored("a " + kind.wireName() + " cannot edit a " + item.kind().wireName());
        }
        Set<Long> versions = item.versions().stream().map(ItemState.Version::cursor).collect(Collectors.toSet());
        List<Long> named = supersedes.getVersions().stream().sorted().distinct().toList();
        if (named.isEmpty() || !versions.containsAll(named)) {
            return new Ignored("names a version that is not the item's");
        }
        return new Applied(item.with(new ItemState.Version(offset, eventId, kind == EventKind.RETRACTION, named, true)));
    }
}
