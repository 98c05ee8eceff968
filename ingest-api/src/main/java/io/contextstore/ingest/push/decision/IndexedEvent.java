package io.contextstore.ingest.push.decision;

import io.contextstore.events.ContextEvent;
import io.contextstore.events.EventKind;
import io.contextstore.events.EventScope;
import java.util.UUID;

/**
 * A dedup index entry: an event Kafka acknowledged, and where it landed. {@code entity} is null for content kinds.
 * {@code facts}: what an edit naming it is checked against (ADR 39); null when the index does not know them (an
 * entry written before release 5 whose event was not projected yet, or a read that did not ask).
 */
public record IndexedEvent(UUID eventId, String contentHash, String entity, int partition, long offset, Facts facts) {

    public IndexedEvent(UUID eventId, String contentHash, String entity, int partition, long offset) {
        this(eventId, contentHash, entity, partition, offset, null);
    }

    /**
     * @param kind   the event's kind, by wire name
     * @param scope  who may read it
     * @param itemId the item it is a version of; null when it is its own item (a first version)
     */
    public record Facts(String kind, EventScope scope, UUID itemId) {

        /** What an event says of itself, as the index records it when it landed. */
        public static Facts of(ContextEvent event) {
            return new Facts(EventKind.of(event).wireName(), EventScope.of(event),
                    event.getSupersedes() == null ? null : UUID.fromString(event.getSupersedes().getItemId()));
        }

        /** As the index stores them; null when it has no kind (an entry it could not learn them for). */
        public static Facts of(String kind, String scopeLevel, String scopeProject, UUID itemId) {
            if (kind == null || scopeLevel == null) {
                return null;
            }
            EventScope.Level level = EventScope.Level.fromWireName(scopeLevel).orElseThrow(() ->
                    new IllegalStateException("the index holds an unknown scope level"));
            return new Facts(kind, new EventScope(level, scopeProject), itemId);
        }
    }
}
