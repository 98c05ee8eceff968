package io.contextstore.projector.projection;

import io.contextstore.events.ContextEvent;

/**
 * An event as read from the log, with its coordinates. A sealed event is opened before it is planned
 * (ADR 33): {@code event} then carries its text fields, and {@code readHash} the content hash its owner
 * computed (the log's is keyed). An event whose key was destroyed is not {@code readable}: it still
 * advances the audit chain, as it did when it was first projected, but projects nothing.
 */
public record LoggedEvent(int partition, long offset, ContextEvent event, String readHash, boolean readable) {

    /** An event as decoded: its hash is the log's; if sealed, it is still to be opened. */
    public LoggedEvent(int partition, long offset, ContextEvent event) {
        this(partition, offset, event, event.getContentHash(), true);
    }

    public static LoggedEvent opened(LoggedEvent sealed, ContextEvent plain, String plainHash) {
        return new LoggedEvent(sealed.partition(), sealed.offset(), plain, plainHash, true);
    }

    public static LoggedEvent unreadable(LoggedEvent sealed) {
        return new LoggedEvent(sealed.partition(), sealed.offset(), sealed.event(), null, false);
    }

    /** Whether it still has to be opened. */
    public boolean sealed() {
        return readable && event.getSealed() != null;
    }
}
