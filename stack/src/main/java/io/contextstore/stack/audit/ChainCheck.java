package io.contextstore.stack.audit;

import io.contextstore.events.ContextEvent;
import io.contextstore.events.EventKind;
import io.contextstore.projector.projection.AuditChain;
import io.contextstore.projector.projection.KeptEvent;
import io.contextstore.projector.projection.LoggedEvent;
import io.contextstore.projector.projection.ProjectionPlanner;
import io.contextstore.projector.projection.TenantPlan;
import io.contextstore.projector.projection.TenantState;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Recomputes a tenant's audit chain from its log, with the projector's own rules (the first copy of
 * a content by offset is kept, the chain advances over kept events: {@link ProjectionPlanner}), and
 * compares it, link by link in offset order, with the chain the projector stored. Only offsets up
 * to {@code bound} are compared: beyond it the read model may not have caught up yet. A user's own
 * (private) event whose link is missing is no divergence if the log erases that user later (ADR 33: the
 * projector deletes such rows, the chain runs on through them); that is only known at the erasure, so those
 * offsets wait for {@link #finish}. Pure: no I/O beyond the given iterator, no clock.
 */
final class ChainCheck {

    /** One stored link: a kept event's offset, content hash and chain value. */
    record Link(long offset, UUID eventId, String contentHash, String chain) {
    }

    /** The first place where the read model does not say what the log says. */
    record Divergence(long offset, String what) {
    }

    private final PeekingLinks stored;
    private final long bound;
    private final Set<UUID> seen = new HashSet<>();
    private String head = AuditChain.GENESIS;
    private long kept;
    private String headAtBound = AuditChain.GENESIS;
    private long keptAtBound;
    private long compared;
    private Divergence divergence;
    /** Private events missing from the read model, by offset: their user, whose erasure would explain it. */
    private final Map<Long, String> missingUntilErased = new HashMap<>();
    /** The offset of the latest erasure of each user seen so far. */
    private final Map<String, Long> erasedAt = new HashMap<>();

    ChainCheck(Iterator<Link> stored, long bound) {
        this.stored = new PeekingLinks(stored);
        this.bound = bound;
    }

    /**
     * A replay from a later offset starts from the stored chain before it: its links seed the
     * contents already kept and the chain head. (A replay from the beginning seeds nothing.)
     */
    void seedUntil(long startOffset) {
        while (stored.peek() != null && stored.peek().offset() < startOffset) {
            Link link = stored.next();
            seen.add(link.eventId());
            head = link.chain();
            kept++;
            if (link.offset() <= bound) {
                headAtBound = head;
                keptAtBound = kept;
            }
        }
    }

    /** @param events the next of the tenant's logged events, in offset order */
    List<KeptEvent> accept(List<LoggedEvent> events) {
        Set<UUID> known = new HashSet<>();
        for (LoggedEvent event : events) {
            if (seen.contains(event.event().getEventId())) {
                known.add(event.event().getEventId());
            }
        }
        TenantPlan plan = ProjectionPlanner.plan(events, new TenantState(head, kept, known));
        for (KeptEvent keptEvent : plan.kept()) {
            seen.add(keptEvent.logged().event().getEventId());
            if (keptEvent.logged().offset() <= bound) {
                headAtBound = keptEvent.chain();
                keptAtBound++;
                compare(keptEvent);
            }
        }
        head = plan.chainHead();
        kept = plan.events();
        return plan.kept();
    }

    private void compare(KeptEvent recomputed) {
        long offset = recomputed.logged().offset();
        while (stored.peek() != null && stored.peek().offset() < offset) {
            diverge(stored.next().offset(), "the read model holds an event the log does not keep there");
        }
        Link link = stored.peek();
        if (link == null || link.offset() > offset) {
            ContextEvent event = recomputed.logged().event();
            if (EventKind.of(event).visibility() == EventKind.Visibility.USER) {
                missingUntilErased.put(offset, event.getUserId());
            } else {
                diverge(offset, "the log's event is missing from the read model");
            }
            return;
        }
        stored.next();
        compared++;
        if (!link.contentHash().equals(recomputed.logged().event().getContentHash())) {
            diverge(offset, "content_hash differs: stored " + link.contentHash() + ", in the log "
                    + recomputed.logged().event().getContentHash());
        } else if (!link.chain().equals(recomputed.chain())) {
            diverge(offset, "chain differs: stored " + link.chain() + ", recomputed " + recomputed.chain());
        }
    }

    /** An erasure of a user in the log at {@code offset}: their private events before it may be missing. */
    void erased(String userId, long offset) {
        if (userId != null) {
            erasedAt.merge(userId, offset, Math::max);
        }
    }

    /**
     * Ends the comparison: private events missing with no later erasure of their user are divergences;
     * stored links left up to the bound are events the log does not have; the
     * stored head must be the recomputed one when the projector has nothing of the tenant past the bound.
     */
    Optional<Divergence> finish(String storedHead, long storedEvents, long storedLastOffset) {
        missingUntilErased.forEach((offset, user) -> {
            if (erasedAt.getOrDefault(user, -1L) < offset) {
                diverge(offset, "the log's event is missing from the read model");
            }
        });
        while (stored.peek() != null && stored.peek().offset() <= bound) {
            diverge(stored.next().offset(), "the read model holds an event the log does not keep there");
        }
        if (storedLastOffset <= bound && (!storedHead.equals(headAtBound) || storedEvents != keptAtBound)) {
            diverge(Math.max(0, storedLastOffset), "the tenant's chain head differs: stored " + storedHead + " over "
                    + storedEvents + " events, recomputed " + headAtBound + " over " + keptAtBound + " events");
        }
        return Optional.ofNullable(divergence);
    }

    private void diverge(long offset, String what) {
        if (divergence == null || offset < divergence.offset()) {
            divergence = new Divergence(offset, what);
        }
    }

    String head() {
        return head;
    }

    long kept() {
        return kept;
    }

    long compared() {
        return compared;
    }

    long bound() {
        return bound;
    }

    private static final class PeekingLinks {
        private final Iterator<Link> links;
        private Link next;

        PeekingLinks(Iterator<Link> links) {
            this.links = links;
        }

        Link peek() {
            if (next == null && links.hasNext()) {
                next = links.next();
            }
            return next;
        }

        Link next() {
            Link link = peek();
            next = null;
            return link;
        }
    }
}
