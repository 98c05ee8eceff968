package io.contextstore.ingest.push.decision;

import io.contextstore.events.ContextEvent;
import io.contextstore.events.EventIdentity;
import io.contextstore.events.EventScope;
import io.contextstore.events.Supersedes;
import io.contextstore.platform.web.ApiProblem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Decides, without I/O, what a push appends (ADR 2). A content kind's item is a retry when its id — its
 * content within its visibility scope — is indexed already; a state kind's item (a task) is a retry when
 * it equals the entity's current state, so a return to an earlier state is a new event. Items repeated
 * inside the request are appended once.
 */
public final class PushDecider {

    public sealed interface Outcome permits AlreadyInLog, Append, RepeatInRequest {
    }

    /** The index says this item is in the log already. */
    public record AlreadyInLog(IndexedEvent indexed) implements Outcome {
    }

    /** New: append this event. */
    public record Append(ContextEvent event) implements Outcome {
    }

    /** The same as an earlier item of this request; answered like that one. */
    public record RepeatInRequest(int firstIndex) implements Outcome {
    }

    /**
     * What the index knows before the push: content events by id, the current state of each entity, and the events
     * at the offsets edits name as versions (ADR 39), with their facts.
     */
    public record Known(Map<UUID, IndexedEvent> byId, Map<String, IndexedEvent> heads, Map<Long, IndexedEvent> byOffset) {

        public Known(Map<UUID, IndexedEvent> byId, Map<String, IndexedEvent> heads) {
            this(byId, heads, Map.of());
        }
    }

    /** An entity's state as the request leaves it: from the index, or set by item {@code index} of the request. */
    private record Head(UUID eventId, String contentHash, IndexedEvent indexed, int index) {
    }

    private PushDecider() {
    }

    /**
     * The ids of the request's content-kind items, of the personal items shares name and of the items edits name,
     * which the index must be asked about.
     */
    public static List<UUID> contentIds(PushContext command) {
        return command.items().stream().filter(item -> item.entity() == null)
                .flatMap(item -> Stream.of(contentId(command, item), item.shares(),
                        item.edit() == null ? null : item.edit().itemId()))
                .filter(java.util.Objects::nonNull).distinct().toList();
    }

    /** The offsets of the versions edits name (a version is a cursor: offset + 1), which the index must be asked about. */
    public static List<Long> versionOffsets(PushContext command) {
        return command.items().stream().filter(item -> item.edit() != null)
                .flatMap(item -> item.edit().versions().stream()).map(version -> version - 1).distinct().toList();
    }

    public static List<Outcome> decide(PushContext command, Known known, Instant receivedAt) {
        List<Outcome> outcomes = new ArrayList<>(command.items().size());
        Map<UUID, Integer> firstIndexById = new HashMap<>();
        Map<String, Head> heads = new HashMap<>();
        known.heads().forEach((entity, indexed) -> heads.put(entity, new Head(indexed.eventId(), indexed.contentHash(), indexed, -1)));
        for (int i = 0; i < command.items().size(); i++) {
            ContextItem item = command.items().get(i);
            outcomes.add(item.entity() == null
                    ? decideContent(command, item, i, known, firstIndexById, receivedAt)
                    : decideState(command, item, i, heads, receivedAt));
        }
        return outcomes;
    }

    private static Outcome decideContent(PushContext command, ContextItem item, int index, Known known,
                                         Map<UUID, Integer> firstIndexById, Instant receivedAt) {
        if (item.shares() != null) {
            requireOwnPersonalItem(command, item, known);
        }
        if (item.edit() != null) {
            EditRules.check(item, command.batch() ? "/items/" + index : "", known);
        }
        UUID id = contentId(command, item);
        Integer first = firstIndexById.putIfAbsent(id, index);
        if (first != null) {
            return new RepeatInRequest(first);
        }
        IndexedEvent indexed = known.byId().get(id);
        return indexed != null ? new AlreadyInLog(indexed) : new Append(event(command, item, id, receivedAt));
    }

    private static Outcome decideState(PushContext command, ContextItem item, int index, Map<String, Head> heads,
                                       Instant receivedAt) {
        Head head = heads.get(item.entity());
        if (head != null && head.contentHash().equals(item.logHash())) {
            return head.indexed() != null ? new AlreadyInLog(head.indexed()) : new RepeatInRequest(head.index());
        }
        UUID id = EventIdentity.stateEventId(command.tenantId(), command.userId(), item.entity(), item.logHash(),
                head == null ? null : head.eventId());
        heads.put(item.entity(), new Head(id, item.logHash(), null, index));
        return new Append(event(command, item, id, receivedAt));
    }

    /**
     * A share widens the pusher's own personal item of the same content: the id of that item is derived from the
     * tenant, the pusher and the content (ADR 2), so a share naming another user's item, or another content, names
     * an id the pusher's content cannot have (403); one naming an id never pushed finds nothing in the index (404).
     */
    private static void requireOwnPersonalItem(PushContext command, ContextItem item, Known known) {
        UUID own = EventIdentity.contentEventId(command.tenantId(), EventScope.personal(null), command.userId(),
                item.logHash());
        if (!own.equals(item.shares())) {
            throw ApiProblem.forbidden("item " + item.shares() + " is not your personal item with this content: "
                    + "only its author shares it");
        }
        if (!known.byId().containsKey(own)) {
            throw ApiProblem.notFound("no item " + item.shares() + " of yours is in the log; push it before sharing it");
        }
    }

    private static UUID contentId(PushContext command, ContextItem item) {
        return item.edit() != null
                ? EventIdentity.editEventId(command.tenantId(), item.edit().itemId(), item.logHash(), item.edit().versions())
                : EventIdentity.contentEventId(command.tenantId(), item.scope(), command.userId(), item.logHash());
    }

    private static ContextEvent event(PushContext command, ContextItem item, UUID id, Instant receivedAt) {
        return ContextEvent.newBuilder()
                .setEventId(id)
                .setTenantId(command.tenantId())
                .setUserId(command.userId())
                .setDeviceId(command.deviceId())
                .setProjectId(item.projectId())
                .setContentHash(item.logHash())
                .setClientSeq(item.clientSeq())
                .setOccurredAt(item.occurredAt() == null ? receivedAt : item.occurredAt())
                .setReceivedAt(receivedAt)
                .setPayload(item.payload())
                .setScope(item.scope().toAvro())
                .setShares(item.shares() == null ? null : item.shares().toString())
                .setSupersedes(item.edit() == null ? null : Supersedes.newBuilder()
                        .setItemId(item.edit().itemId().toString()).setVersions(item.edit().versions()).build())
                .build();
    }
}
