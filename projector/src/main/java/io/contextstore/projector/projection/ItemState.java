package io.contextstore.projector.projection;

import io.contextstore.events.EventKind;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An editable item as the read model knows it (ADR 39): its kind and every version, in log order. An item never
 * edited is its one event, current. The item is in conflict while more than one version is current, and retracted
 * while its one current version is a retraction.
 */
public record ItemState(UUID itemId, EventKind kind, List<Version> versions) {

    /**
     * One version: its event's offset (the version, as clients name it, is the cursor {@code offset + 1}), whether it
     * is a retraction, the versions it named, and whether it is current.
     */
    public record Version(long offset, UUID eventId, boolean retraction, List<Long> supersedes, boolean current) {

        public Version {
            supersedes = List.copyOf(supersedes);
        }

        public long cursor() {
            return offset + 1;
        }

        Version replaced() {
            return new Version(offset, eventId, retraction, supersedes, false);
        }
    }

    public ItemState {
        versions = List.copyOf(versions);
    }

    /** An item that was never edited: its first version is its only one. */
    public static ItemState original(UUID itemId, EventKind kind, long offset) {
        return new ItemState(itemId, kind, List.of(new Version(offset, itemId, false, List.of(), true)));
    }

    public List<Version> current() {
        return versions.stream().filter(Version::current).toList();
    }

    public boolean inConflict() {
        return current().size() > 1;
    }

    public boolean retracted() {
        List<Version> current = current();
        return current.size() == 1 && current.get(0).retraction();
    }

    /** The item after {@code edit}: the versions it names stop being current, and it is current. */
    ItemState with(Version edit) {
        List<Version> after = new ArrayList<>(versions.size() + 1);
        for (Version version : versions) {
            after.add(version.current() && edit.supersedes().contains(version.cursor()) ? version.replaced() : version);
        }
        after.add(edit);
        return new ItemState(itemId, kind, after);
    }
}
