package io.contextstore.events;

import java.util.Optional;
import java.util.function.Function;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What makes two pushes one event (ADR 2). The identity is the event id, derived from the tenant, the
 * visibility scope of the kind and the content hash, and — for kinds that track the state of an entity —
 * from the event it follows. The ingest API derives it; the projector keeps the first event of each id by
 * offset, so the read model applies the same rule to retries that reached the log twice.
 *
 * <ul>
 *   <li>Knowledge kinds (tenant-wide): {@code v8(tenant "/" hash)}, as in release 1, so their ids never changed.</li>
 *   <li>Private content kinds (messages): {@code v8(tenant "/user/" user "/" hash)}: the same content from
 *       two users is two events, and neither learns of the other's.</li>
 *   <li>Project items (ADR 36): {@code v8(tenant "/project/" project "/" hash)}.</li>
 *   <li>Edits (ADR 39): {@code v8(tenant "/item/" item "/" hash "/after/" versions)}: a retry of an edit is one
 *       event, while the same content as an earlier version (a revert) or the same reason for another item is new.</li>
 *   <li>State kinds (tasks): {@code v8(tenant "/user/" user "/" entity "/" hash "/after/" predecessor)}: a
 *       return to an earlier state is a new event; a retry of the current state is not.</li>
 * </ul>
 */
public final class EventIdentity {

    private static final String NO_PREDECESSOR = "-";

    private EventIdentity() {
    }

    /**
     * The entity whose state an event of a state kind sets — {@code <kind>/<entity fields joined by |>},
     * e.g. {@code task/T-1} — or empty for content kinds. ({@code |} cannot occur in an identifier.)
     */
    public static Optional<String> entity(Object payload) {
        return entity(EventKind.ofPayload(payload), field -> Payloads.get(payload, field));
    }

    /** The same, from an item's field values by name (the local client names queued items so). */
    public static Optional<String> entity(EventKind kind, Function<String, Object> valueOf) {
        if (!kind.isState()) {
            return Optional.empty();
        }
        return Optional.of(kind.wireName() + "/" + kind.entityFields().stream()
                .map(field -> String.valueOf(valueOf.apply(field))).collect(Collectors.joining("|")));
    }

    /**
     * The id of a content kind's event: unique per content within its scope (ADR 36). A kind's default scope
     * gives the ids it always had; a project item's id is per project, so the same text in two projects, or
     * in a project and tenant-wide, is two events, each readable by its own readers.
     */
    public static UUID contentEventId(UUID tenantId, EventScope scope, String userId, String contentHash) {
        return switch (scope.level()) {
            case TENANT -> ContentHash.eventId(tenantId, contentHash);
            case PROJECT -> ContentHash.nameBasedId(tenantId + "/project/" + scope.projectId() + "/" + contentHash);
            case PERSONAL -> ContentHash.nameBasedId(tenantId + "/user/" + userId + "/" + contentHash);
        };
    }

    /**
     * The id of an edit (ADR 39): the content {@code contentHash} as the version of {@code item} that replaces
     * {@code versions} (cursors, in any order: they are sorted here).
     */
    public static UUID editEventId(UUID tenantId, UUID item, String contentHash, java.util.List<Long> versions) {
        return ContentHash.nameBasedId(tenantId + "/item/" + item + "/" + contentHash + "/after/"
                + versions.stream().sorted().map(String::valueOf).collect(Collectors.joining(",")));
    }

    /**
     * The id of a state kind's event: the state {@code contentHash} of {@code entity} set after the event
     * {@code predecessor} (null for the first state the ingest knows of).
     */
    public static UUID stateEventId(UUID tenantId, String userId, String entity, String contentHash, UUID predecessor) {
        return ContentHash.nameBasedId(tenantId + "/user/" + userId + "/" + entity + "/" + contentHash + "/after/"
                + (predecessor == null ? NO_PREDECESSOR : predecessor.toString()));
    }
}
