package io.contextstore.projector.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.events.ContextEvent;
import io.contextstore.events.DecisionRecorded;
import io.contextstore.events.EventKind;
import io.contextstore.events.ItemRetracted;
import io.contextstore.events.SkillLearningRecorded;
import io.contextstore.events.Supersedes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What edits do to their items, by log order alone (ADR 39): current, conflict, resolution, retraction. */
class ItemEditsTest {

    private static final UUID TENANT = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final UUID ITEM = id(1);

    @Test
    void anEditNamingTheCurrentVersionReplacesIt() {
        Map<UUID, ItemState> after = ItemEdits.plan(List.of(decision(10, ITEM, 1L)), Map.of(ITEM, original(0)));

        ItemState item = after.get(ITEM);
        assertThat(item.current()).extracting(ItemState.Version::cursor).containsExactly(11L);
        assertThat(item.versions()).extracting(ItemState.Version::current).containsExactly(false, true);
        assertThat(item.inConflict()).isFalse();
    }

    @Test
    void twoEditsOfTheSameVersionLeaveBothCurrentAsAConflictAndAnEditNamingBothResolvesIt() {
        List<KeptEvent> log = List.of(decision(10, ITEM, 1L), decision(11, ITEM, 1L));

        ItemState conflict = ItemEdits.plan(log, Map.of(ITEM, original(0))).get(ITEM);
        ItemState resolved = ItemEdits.plan(List.of(decision(12, ITEM, 11L, 12L)), Map.of(ITEM, conflict)).get(ITEM);

        assertThat(conflict.inConflict()).isTrue();
        assertThat(conflict.current()).extracting(ItemState.Version::cursor).containsExactly(11L, 12L);
        assertThat(resolved.inConflict()).isFalse();
        assertThat(resolved.current()).extracting(ItemState.Version::cursor).containsExactly(13L);
    }

    @Test
    void anEditOfAVersionAlreadyReplacedIsAConflictAsWhenADeviceWasOfflineForAWeek() {
        ItemState edited = ItemEdits.plan(List.of(decision(10, ITEM, 1L)), Map.of(ITEM, original(0))).get(ITEM);

        ItemState late = ItemEdits.plan(List.of(decision(500, ITEM, 1L)), Map.of(ITEM, edited)).get(ITEM);

        assertThat(late.current()).extracting(ItemState.Version::cursor).containsExactly(11L, 501L);
    }

    @Test
    void resolvingOnlyOneSideOfAConflictKeepsTheConflict() {
        ItemState conflict = ItemEdits.plan(List.of(decision(10, ITEM, 1L), decision(11, ITEM, 1L)),
                Map.of(ITEM, original(0))).get(ITEM);

        ItemState still = ItemEdits.plan(List.of(decision(12, ITEM, 11L)), Map.of(ITEM, conflict)).get(ITEM);

        assertThat(still.current()).extracting(ItemState.Version::cursor).containsExactly(12L, 13L);
    }

    @Test
    void aRetractionNamingTheCurrentVersionRetractsTheItemAndANewVersionNamingItBringsItBack() {
        ItemState retracted = ItemEdits.plan(List.of(retraction(10, ITEM, 1L)), Map.of(ITEM, original(0))).get(ITEM);
        ItemState back = ItemEdits.plan(List.of(decision(11, ITEM, 11L)), Map.of(ITEM, retracted)).get(ITEM);

        assertThat(retracted.retracted()).isTrue();
        assertThat(back.retracted()).isFalse();
        assertThat(back.current()).extracting(ItemState.Version::cursor).containsExactly(12L);
    }

    @Test
    void anItemFirstPushedInTheSameBatchIsEditedAsIfItHadBeenProjectedBefore() {
        KeptEvent first = decision(5, null);
        UUID item = first.event().getEventId();

        Map<UUID, ItemState> after = ItemEdits.plan(List.of(first, decision(6, item, 6L)), Map.of());

        assertThat(after.get(item).current()).extracting(ItemState.Version::cursor).containsExactly(7L);
    }

    @Test
    void splittingALogIntoBatchesAnywhereGivesTheSameItems() {
        KeptEvent first = decision(5, null);
        UUID item = first.event().getEventId();
        List<KeptEvent> log = List.of(first, decision(6, item, 6L), decision(7, item, 6L), retraction(8, item, 7L),
                decision(9, item, 8L, 9L));
        ItemState whole = ItemEdits.plan(log, Map.of()).get(item);

        for (int cut = 1; cut < log.size(); cut++) {
            Map<UUID, ItemState> known = new java.util.HashMap<>();
            ItemState before = ItemEdits.plan(log.subList(0, cut), Map.of()).get(item);
            known.put(item, before != null ? before : ItemState.original(item, EventKind.DECISION, 5));
            ItemState after = ItemEdits.plan(log.subList(cut, log.size()), known).get(item);

            assertThat(after).as("cut at " + cut).isEqualTo(whole);
        }
        assertThat(whole.current()).extracting(ItemState.Version::cursor).containsExactly(10L);
    }

    @Test
    void anEditOfAnotherKindAnUnknownItemOrAVersionNotTheItemsChangesNoItem() {
        KeptEvent learning = new KeptEvent(new LoggedEvent(0, 10, event(id(10), SkillLearningRecorded.newBuilder()
                .setSkill("s").setLearning("l").build(), new Supersedes(ITEM.toString(), List.of(1L)))), "c",
                EventKind.LEARNING, Map.of());

        assertThat(ItemEdits.plan(List.of(learning), Map.of(ITEM, original(0)))).isEmpty();
        assertThat(ItemEdits.plan(List.of(decision(10, id(99), 1L)), Map.of(ITEM, original(0)))).isEmpty();
        assertThat(ItemEdits.plan(List.of(decision(10, ITEM, 5L)), Map.of(ITEM, original(0)))).isEmpty();
    }

    @Test
    void anEditThatChangedNothingIsAnItemOfItsOwn() {
        KeptEvent stray = decision(10, id(99), 1L);

        Map<UUID, ItemState> after = ItemEdits.plan(List.of(stray, decision(11, stray.event().getEventId(), 11L)), Map.of());

        assertThat(after.get(stray.event().getEventId()).current()).extracting(ItemState.Version::cursor).containsExactly(12L);
    }

    private static ItemState original(long offset) {
        return ItemState.original(ITEM, EventKind.DECISION, offset);
    }

    private static KeptEvent decision(long offset, UUID item, Long... versions) {
        DecisionRecorded payload = DecisionRecorded.newBuilder().setTitle("t" + offset).setDecision("d").build();
        return kept(offset, payload, item, versions, EventKind.DECISION);
    }

    private static KeptEvent retraction(long offset, UUID item, Long... versions) {
        return kept(offset, ItemRetracted.newBuilder().setReason("wrong").build(), item, versions, EventKind.RETRACTION);
    }

    private static KeptEvent kept(long offset, Object payload, UUID item, Long[] versions, EventKind kind) {
        Supersedes supersedes = item == null ? null : new Supersedes(item.toString(), new ArrayList<>(List.of(versions)));
        return new KeptEvent(new LoggedEvent(0, offset, event(id(1000 + offset), payload, supersedes)), "c", kind, Map.of());
    }

    private static ContextEvent event(UUID id, Object payload, Supersedes supersedes) {
        return ContextEvent.newBuilder().setEventId(id).setTenantId(TENANT).setUserId("alice").setDeviceId("laptop")
                .setContentHash("0".repeat(64)).setOccurredAt(Instant.EPOCH).setReceivedAt(Instant.EPOCH)
                .setPayload(payload).setSupersedes(supersedes).build();
    }

    private static UUID id(long n) {
        return new UUID(0, n);
    }
}
