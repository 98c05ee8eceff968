package io.contextstore.projector.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.projector.projection.TenantState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CommittedStatesTest {

    private final CommittedStates remembered = new CommittedStates();
    private final UUID tenant = UUID.randomUUID();
    private final TenantState state = new TenantState("head", 3, Set.of());

    @Test
    void aPartitionIsOursAtTheOffsetThisWritersLastCommitLeftItAndAtNoOther() {
        remembered.committed(Set.of(), Map.of(), Map.of(0, 10L));

        assertThat(remembered.ours(0, 10)).isTrue();
        assertThat(remembered.ours(0, 12)).as("moved on by another writer").isFalse();
        assertThat(remembered.ours(1, 10)).as("never committed here").isFalse();
    }

    @Test
    void aTenantsStateIsRecalledAsTheLastCommitThatMovedItLeftIt() {
        remembered.committed(Set.of(), Map.of(tenant, written(state, 0)), Map.of(0, 10L));

        assertThat(remembered.recall(tenant)).isEqualTo(state);
        assertThat(remembered.recall(UUID.randomUUID())).isNull();
    }

    @Test
    void statesRememberedFromAPartitionAnotherWriterMovedLapseWhileTheStatesOfThatCommitHold() {
        UUID other = UUID.randomUUID();
        TenantState fresh = new TenantState("fresh", 1, Set.of());
        remembered.committed(Set.of(), Map.of(tenant, written(state, 0)), Map.of(0, 10L));

        remembered.committed(Set.of(0), Map.of(other, written(fresh, 0)), Map.of(0, 20L));

        assertThat(remembered.recall(tenant)).isNull();
        assertThat(remembered.recall(other)).isEqualTo(fresh);
    }

    @Test
    void aLapseOnOnePartitionLeavesTheStatesRememberedFromAnotherTrusted() {
        UUID elsewhere = UUID.randomUUID();
        remembered.committed(Set.of(), Map.of(tenant, written(state, 0), elsewhere, written(state, 1)), Map.of(0, 10L, 1, 5L));

        remembered.committed(Set.of(0), Map.of(), Map.of(0, 20L));

        assertThat(remembered.recall(tenant)).isNull();
        assertThat(remembered.recall(elsewhere)).isEqualTo(state);
    }

    @Test
    void aForgottenPartitionsStoredOffsetIsNoLongerOurs() {
        remembered.committed(Set.of(), Map.of(), Map.of(0, 10L));

        remembered.forget(0);

        assertThat(remembered.ours(0, 10)).isFalse();
    }

    @Test
    void itRemembersNoMoreTenantsThanItsBoundHoweverManyItWrote() {
        CommittedStates bounded = new CommittedStates(100);
        List<UUID> tenants = Stream.generate(UUID::randomUUID).limit(10_000).toList();
        for (int i = 0; i < tenants.size(); i += 500) { // polls of 500 new tenants each
            Map<UUID, CommittedStates.Written> poll = new HashMap<>();
            tenants.subList(i, i + 500).forEach(t -> poll.put(t, written(state, 0)));
            bounded.committed(Set.of(), poll, Map.of(0, (long) i));
        }

        long recalled = tenants.stream().filter(t -> bounded.recall(t) != null).count();
        assertThat(recalled).isPositive().isLessThanOrEqualTo(100);
    }

    @Test
    void aTenantThatComesBackInEveryPollStaysRememberedAmongManyThatCameOnce() {
        CommittedStates bounded = new CommittedStates(100);
        for (int i = 0; i < 100; i++) {
            Map<UUID, CommittedStates.Written> poll = new HashMap<>();
            Stream.generate(UUID::randomUUID).limit(500).forEach(t -> poll.put(t, written(state, 0)));
            poll.put(tenant, written(state, 0));
            bounded.recall(tenant); // each poll reads what it remembers before it writes
            bounded.committed(Set.of(), poll, Map.of(0, (long) i));
        }

        assertThat(bounded.recall(tenant)).isEqualTo(state);
    }

    private static CommittedStates.Written written(TenantState state, int partition) {
        return new CommittedStates.Written(state, partition);
    }
}
