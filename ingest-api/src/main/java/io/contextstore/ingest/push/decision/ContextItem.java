package io.contextstore.ingest.push.decision;

import io.contextstore.events.EventIdentity;
import io.contextstore.events.EventKind;
import io.contextstore.events.EventScope;
import java.time.Instant;
import java.util.UUID;

/**
 * One validated piece of context. {@code contentHash} identifies its content (kind, project and the
 * kind's fields) as its owner's client computes it; {@code occurredAt} and {@code clientSeq} describe its
 * delivery and are not hashed, so the same content sent twice, from any device, is one event. {@code entity}
 * names what a state kind's item sets the state of (a task), null for content kinds.
 *
 * <p>{@code logHash} is the hash the log carries and identities derive from: for a kind whose fields are
 * sealed it is keyed by the subject's data key (ADR 33), so erased content cannot be guessed from it;
 * otherwise it is {@code contentHash}. {@code canonical} is the canonical JSON both are computed from.
 *
 * <p>{@code requestedScope} is the {@code scope} the item asked for (null: the default), {@code scope} who
 * may read it once {@link ScopeRules} resolved it against the tenant's projects (ADR 36). Neither is hashed:
 * where an item is visible is not what it says. {@code shares}: for a share, the id of the personal item it widens.
 * {@code edit}: for a new version or a retraction, the item and the versions it replaces (ADR 39); not hashed either.
 * {@code scopeProject}: the project a requested scope names ({@code "scope": {"level": "project", "project_id": P}}),
 * null when it names none (then a project scope is the item's own project); only a share may name another.
 */
public record ContextItem(EventKind kind, String projectId, Object payload, String contentHash, Instant occurredAt,
                          Long clientSeq, String entity, String canonical, String logHash,
                          EventScope.Level requestedScope, EventScope scope, UUID shares, Edit edit, String scopeProject) {

    public ContextItem(EventKind kind, String projectId, Object payload, String contentHash, Instant occurredAt, Long clientSeq) {
        this(kind, projectId, payload, contentHash, occurredAt, clientSeq, null);
    }

    public ContextItem(EventKind kind, String projectId, Object payload, String contentHash, Instant occurredAt,
                       Long clientSeq, String canonical) {
        this(kind, projectId, payload, contentHash, occurredAt, clientSeq, canonical, null, null);
    }

    public ContextItem(EventKind kind, String projectId, Object payload, String contentHash, Instant occurredAt,
                       Long clientSeq, String canonical, EventScope.Level requestedScope, UUID shares) {
        this(kind, projectId, payload, contentHash, occurredAt, clientSeq, canonical, requestedScope, shares, null);
    }

    public ContextItem(EventKind kind, String projectId, Object payload, String contentHash, Instant occurredAt,
                       Long clientSeq, String canonical, EventScope.Level requestedScope, UUID shares, Edit edit) {
        this(kind, projectId, payload, contentHash, occurredAt, clientSeq, canonical, requestedScope, shares, edit, null);
    }

    public ContextItem(EventKind kind, String projectId, Object payload, String contentHash, Instant occurredAt,
                       Long clientSeq, String canonical, EventScope.Level requestedScope, UUID shares, Edit edit,
                       String scopeProject) {
        this(kind, projectId, payload, contentHash, occurredAt, clientSeq, EventIdentity.entity(payload).orElse(null),
                canonical, contentHash, requestedScope, EventScope.defaultOf(kind), shares, edit, scopeProject);
    }

    /** The same item, with the hash its sealed content has in the log. */
    public ContextItem withLogHash(String keyedHash) {
        return new ContextItem(kind, projectId, payload, contentHash, occurredAt, clientSeq, entity, canonical, keyedHash,
                requestedScope, scope, shares, edit, scopeProject);
    }

    /** The same item, readable by {@code resolved}. */
    public ContextItem withScope(EventScope resolved) {
        return new ContextItem(kind, projectId, payload, contentHash, occurredAt, clientSeq, entity, canonical, logHash,
                requestedScope, resolved, shares, edit, scopeProject);
    }
}
