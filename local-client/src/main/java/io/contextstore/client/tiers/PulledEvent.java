package io.contextstore.client.tiers;

import io.contextstore.client.items.Kind;
import java.util.List;
import java.util.Map;

/**
 * One event of a pull page, as docs/api.md describes it; {@code data} holds the kind's fields. {@code item}: for a
 * version of an edited item (ADR 39), its item and the versions it replaced; null otherwise. {@code scope}: who may
 * read it (ADR 36); null from servers before it.
 */
public record PulledEvent(long cursor, String id, Kind kind, String userId, String deviceId, String projectId,
                          String contentHash, String occurredAt, String receivedAt, Map<String, Object> data,
                          ItemMark item, Scope scope) {

    /** The event's {@code scope}: {@code personal}, {@code project} or {@code tenant}, and the project it is confined to. */
    public record Scope(String level, String projectId) {

        boolean personal() {
            return "personal".equals(level);
        }
    }

    public PulledEvent(long cursor, String id, Kind kind, String userId, String deviceId, String projectId,
                       String contentHash, String occurredAt, String receivedAt, Map<String, Object> data,
                       ItemMark item) {
        this(cursor, id, kind, userId, deviceId, projectId, contentHash, occurredAt, receivedAt, data, item, null);
    }

    /** Whether it is a share of a personal item (ADR 36): a user's own kind, read more widely than by its author. */
    boolean sharesPersonal() {
        return scope != null && !scope.personal() && !kind.isState()
                && kind.event().visibility() == io.contextstore.events.EventKind.Visibility.USER;
    }

    /**
     * Whether its scope is one its kind and {@code project_id} do not say, so its tier keeps it beside the row
     * ({@link ScopeMigration}): a shared kind's item pushed personal, or one confined to a project it does not name.
     */
    boolean scopeOfItsOwn() {
        if (scope == null || kind.isState()) {
            return false;
        }
        boolean ownKind = kind.event().visibility() == io.contextstore.events.EventKind.Visibility.USER;
        return scope.personal() && !ownKind
                || scope.projectId() != null && !scope.projectId().equals(projectId);
    }

    /** The item a version belongs to and the versions (cursors) it replaced; {@code conflict} as of the pull. */
    public record ItemMark(String itemId, List<Long> supersedes, boolean conflict) {

        public ItemMark {
            supersedes = List.copyOf(supersedes);
        }
    }

    public PulledEvent(long cursor, String id, Kind kind, String userId, String deviceId, String projectId,
                       String contentHash, String occurredAt, String receivedAt, Map<String, Object> data) {
        this(cursor, id, kind, userId, deviceId, projectId, contentHash, occurredAt, receivedAt, data, null);
    }
}
