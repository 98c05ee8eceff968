package io.contextstore.projector.projection;

import io.contextstore.events.ContextEvent;

/** An event as read from the log, with its coordinates. */
public record LoggedEvent(int partition, long offset, ContextEvent event) {
}
