package io.contextstore.projector.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.contextstore.projector.projection.TenantState;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a writer remembers of its own commits, so that a tenant's batch usually needs no read before its write (ADR 7):
 * each tenant's state as its last commit left it, and the offset that commit left each partition at. A remembered
 * state is trusted only while its partition's stored offset is the one this writer committed; once another writer
 * (a zombie, another instance) is found to have moved a partition, the states remembered from it lapse. The writer's
 * consumer threads share it, each on partitions of its own.
 *
 * <p>It remembers a bounded number of tenants, those most likely to come again (ADR 54). Remembering every tenant it
 * ever wrote, a writer held 260 bytes a tenant, 260 MB at a million tenants (a live projector over time, or one
 * rebuild), about the whole heap a deployed service is given. A tenant it does not remember costs its batch a read, as
 * after a restart.
 */
final class CommittedStates {

    /** Tenants remembered at most: many polls' tenants, about 33 MB when full. */
    static final int MOST_TENANTS = 100_000;

    /** Evictions run on the committing thread: no pool's thread, and a test sees the bound at once. */
    private final Cache<UUID, Remembered> states;
    private final Map<Integer, Long> offsets = new ConcurrentHashMap<>();
    /** Raised for a partition whenever another writer was found to have moved it: older remembered states lapse. */
    private final Map<Integer, Long> generations = new ConcurrentHashMap<>();

    /** A tenant's state as a commit wrote it, and the partition it was written in. */
    record Written(TenantState state, int partition) {
    }

    /** A tenant's state as written, and the generation of its partition it was remembered in. */
    private record Remembered(Written written, long generation) {
    }

    CommittedStates() {
        this(MOST_TENANTS);
    }

    CommittedStates(int mostTenants) {
        this.states = Caffeine.newBuilder().maximumSize(mostTenants).executor(Runnable::run).build();
    }

    /** Whether {@code stored} is the offset this writer's last commit left the partition at. */
    boolean ours(int partition, long stored) {
        return Long.valueOf(stored).equals(offsets.get(partition));
    }

    /** The tenant's state as this writer's last commit left it; null when none is remembered or it lapsed. */
    TenantState recall(UUID tenant) {
        Remembered remembered = states.getIfPresent(tenant);
        return remembered != null && remembered.generation() == generation(remembered.written().partition())
                ? remembered.written().state() : null;
    }

    /**
     * After a commit: the partitions it found moved by another writer lapse first, then the tenants' states it wrote
     * and the offsets it left are remembered.
     */
    void committed(Set<Integer> movedByOthers, Map<UUID, Written> written, Map<Integer, Long> nextOffsets) {
        movedByOthers.forEach(partition -> generations.merge(partition, 1L, Long::sum));
        written.forEach((tenant, state) -> states.put(tenant, new Remembered(state, generation(state.partition()))));
        offsets.putAll(nextOffsets);
    }

    /** After a failure, or when the partition may have changed hands: its next batch trusts nothing remembered. */
    void forget(int partition) {
        offsets.remove(partition);
    }

    private long generation(int partition) {
        return generations.getOrDefault(partition, 0L);
    }
}
