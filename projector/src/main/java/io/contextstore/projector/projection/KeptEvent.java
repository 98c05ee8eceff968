package io.contextstore.projector.projection;

import io.contextstore.events.ContextEvent;
import io.contextstore.events.EventKind;
import io.contextstore.events.EventScope;
import io.contextstore.events.Payloads;
import java.util.Map;

/**
 * An event the read model keeps (the first copy of its content by offset), with its audit chain value,
 * its kind and its payload's fields by name. The planner decides the kind and unpacks the payload once
 * per kept event; the statistics, the event row, the typed row and the entity's state all read them here.
 *
 * @param data the kind's fields by their API names, in schema order ({@link Payloads#data})
 */
public record KeptEvent(LoggedEvent logged, String chain, EventKind kind, Map<String, Object> data) {

    static KeptEvent of(LoggedEvent logged, String chain) {
        ContextEvent event = logged.event();
        return new KeptEvent(logged, chain, EventKind.of(event), Payloads.data(event.getPayload()));
    }

    public ContextEvent event() {
        return logged.event();
    }

    public long offset() {
        return logged.offset();
    }

    /** Who may read it inside its tenant: its author for a personal event, null for one other users read (ADR 36). */
    public String privateTo() {
        return EventScope.of(logged.event()).privateTo(logged.event().getUserId());
    }

    /** The project whose members alone may read it, or null (ADR 36). */
    public String projectScope() {
        return EventScope.of(logged.event()).projectId();
    }
}
