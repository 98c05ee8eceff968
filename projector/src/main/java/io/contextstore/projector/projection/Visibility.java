package io.contextstore.projector.projection;

import io.contextstore.events.ContextEvent;
import io.contextstore.events.EventKind;

/** Who may read an event inside its tenant, as the read model records it. */
public final class Visibility {

    private Visibility() {
    }

    /** The owning user of a session-tier event; "" for one the whole tenant reads. */
    public static String privateTo(ContextEvent event) {
        return EventKind.of(event).visibility() == EventKind.Visibility.USER ? event.getUserId() : "";
    }
}
