package io.contextstore.projector.store;

import io.contextstore.projector.projection.LoggedErasure;
import io.contextstore.projector.projection.LoggedEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One partition's part of a batch: its events, erasures and failures in offset order, and where the partition moves
 * to. An erasure acts on what lies below its offset, so applying it after the events of its batch gives what applying
 * it in log order gives; but a tenant's deletion also ends its chain, so the tenant's events after it are applied
 * after it ({@link ReadModelWriter}).
 */
public record PartitionBatch(int partition, List<LoggedEvent> events, List<LoggedErasure> erasures,
                             List<ProjectionFailure> failures, long nextOffset) {

    public PartitionBatch(int partition, List<LoggedEvent> events, List<ProjectionFailure> failures, long nextOffset) {
        this(partition, events, List.of(), failures, nextOffset);
    }

    /** What of it lies at or above {@code stored}: records below were applied already. */
    PartitionBatch from(long stored) {
        return new PartitionBatch(partition, events.stream().filter(e -> e.offset() >= stored).toList(),
                erasures.stream().filter(e -> e.offset() >= stored).toList(),
                failures.stream().filter(f -> f.offset() >= stored).toList(), nextOffset);
    }

    /** Each tenant's events, in offset order; tenants in the order of their first event. */
    Map<UUID, List<LoggedEvent>> eventsByTenant() {
        Map<UUID, List<LoggedEvent>> byTenant = new LinkedHashMap<>();
        events.forEach(event -> byTenant.computeIfAbsent(event.event().getTenantId(), t -> new ArrayList<>()).add(event));
        return byTenant;
    }

    /**
     * The tenants whose position it moves: those with events or erasures in it, and those whose record failed (the
     * record key is the tenant), so a wait for a poison record's position ends too.
     */
    Set<UUID> touched() {
        Set<UUID> tenants = new HashSet<>();
        events.forEach(event -> tenants.add(event.event().getTenantId()));
        erasures.forEach(erasure -> tenants.add(erasure.tenant()));
        for (ProjectionFailure failure : failures) {
            if (failure.recordKey() != null) {
                try {
                    tenants.add(UUID.fromString(failure.recordKey()));
                } catch (IllegalArgumentException notATenant) {
                    // a key that names no tenant: nobody can be waiting for it
                }
            }
        }
        return tenants;
    }
}
