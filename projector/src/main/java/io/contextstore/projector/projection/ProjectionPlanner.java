package io.contextstore.projector.projection;

import io.contextstore.events.EventKind;
import io.contextstore.events.TaskTracked;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides, without I/O, clock or randomness, what a batch of one tenant's events does to its read
 * model: the first copy of each content by offset is kept (later copies, from retries or races, are
 * not), the audit chain advances over the kept events, a task's latest state is the one with the
 * highest offset. The same log always yields the same plan (invariant I5).
 */
public final class ProjectionPlanner {

    private ProjectionPlanner() {
    }

    /** @param events one tenant's events of one partition, in offset order */
    public static TenantPlan plan(List<LoggedEvent> events, TenantState state) {
        Set<String> seen = new HashSet<>(state.knownContentHashes());
        List<KeptEvent> kept = new ArrayList<>();
        Map<String, KeptEvent> latestTasks = new LinkedHashMap<>();
        Map<EventKind, TenantPlan.KindDelta> stats = new EnumMap<>(EventKind.class);
        String head = state.chainHead();
        int partition = events.isEmpty() ? -1 : events.get(0).partition();
        long lastOffset = -1;
        for (LoggedEvent logged : events) {
            lastOffset = Math.max(lastOffset, logged.offset());
            String hash = logged.event().getContentHash();
            if (!seen.add(hash)) {
                continue;
            }
            head = AuditChain.next(head, hash, logged.offset());
            KeptEvent keptEvent = new KeptEvent(logged, head);
            kept.add(keptEvent);
            EventKind kind = EventKind.of(logged.event());
            stats.merge(kind, new TenantPlan.KindDelta(1, logged.offset()),
                    (a, b) -> new TenantPlan.KindDelta(a.events() + b.events(), Math.max(a.lastOffset(), b.lastOffset())));
            if (logged.event().getPayload() instanceof TaskTracked task) {
                latestTasks.put(logged.event().getUserId() + "\u0000" + task.getTaskId(), keptEvent);
            }
        }
        return new TenantPlan(kept, List.copyOf(latestTasks.values()), stats, head, state.events() + kept.size(),
                partition, lastOffset);
    }
}
