package io.contextstore.projector.projection;

import io.contextstore.events.EventIdentity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Decides, without I/O, clock or randomness, what a batch of one tenant's events does to its read
 * model: the first event of each id by offset is kept (later copies, from retries or races, are not;
 * the id is the event's identity, ADR 2), the audit chain advances over the kept events (and with it the statistics checkpoint), the latest
 * state of an entity of a state kind (a task) is the one with the highest offset. An event whose key was
 * destroyed advances the chain and the count but writes no row. The same log and keys always yield the same plan (I5).
 */
public final class ProjectionPlanner {

    /**
     * The statistics checkpoint moves to the event that makes the tenant's chain count a multiple of this (ADR 49): a
     * position in the log alone, so live and rebuild agree on it however the events were batched. Readers count the
     * rows after it, fewer than this many.
     */
    public static final int CHECKPOINT_EVERY = 4096;

    private ProjectionPlanner() {
    }

    /** @param events one tenant's events of one partition, in offset order */
    public static TenantPlan plan(List<LoggedEvent> events, TenantState state) {
        Set<UUID> seen = new HashSet<>(state.knownEventIds());
        List<KeptEvent> kept = new ArrayList<>();
        Map<String, KeptEvent> latestStates = new LinkedHashMap<>();
        String head = state.chainHead();
        int partition = events.isEmpty() ? -1 : events.get(0).partition();
        long lastOffset = -1;
        long chained = state.events();
        long countedTo = -1;
        for (LoggedEvent logged : events) {
            if (!seen.add(logged.event().getEventId())) {
                continue;
            }
            // The last *kept* event: a trailing copy must not move it, or live (copies in a later batch,
            // which writes nothing) and rebuild (copies in the same batch) would disagree (I5).
            lastOffset = logged.offset();
            head = AuditChain.next(head, logged.event().getContentHash(), logged.offset());
            if (++chained % CHECKPOINT_EVERY == 0) {
                countedTo = logged.offset();
            }
            if (!logged.readable()) {
                continue; // erased: in the chain as it always was, in no table (ADR 33)
            }
            KeptEvent keptEvent = KeptEvent.of(logged, head);
            kept.add(keptEvent);
            EventIdentity.entity(keptEvent.kind(), keptEvent.data()::get).ifPresent(entity ->
                    latestStates.put(logged.event().getUserId() + "\u0000" + entity, keptEvent));
        }
        return new TenantPlan(kept, List.copyOf(latestStates.values()), head, chained, partition, lastOffset, countedTo);
    }
}
