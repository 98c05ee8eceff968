package io.contextstore.query.edits.decision;

import io.contextstore.events.EventKind;
import io.contextstore.platform.web.ApiProblem;
import java.util.Locale;
import java.util.UUID;

/**
 * What {@code GET /api/v1/context/<endpoint>/<id>/history} asks (ADR 39): an item of an editable kind, by its id
 * (the id of its first version). Another endpoint is a 404, an id that is not a UUID a 400 naming it.
 */
public record ItemPath(EventKind kind, UUID itemId) {

    public static ItemPath of(String endpoint, String id) {
        EventKind kind = EventKind.fromEndpoint(endpoint).filter(EventKind::editable).orElseThrow(() ->
                ApiProblem.notFound("no such endpoint: GET /api/v1/context/" + endpoint + "/{id}/history (items of "
                        + EventKind.editableWireNames() + " have a history)"));
        try {
            UUID parsed = UUID.fromString(id);
            if (parsed.toString().equals(id.toLowerCase(Locale.ROOT))) {
                return new ItemPath(kind, parsed);
            }
        } catch (IllegalArgumentException e) {
            // named below
        }
        throw ApiProblem.invalidParameter("id", "must be an item id (a UUID)");
    }
}
