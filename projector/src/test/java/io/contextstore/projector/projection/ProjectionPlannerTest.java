package io.contextstore.projector.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.events.ContextEvent;
import io.contextstore.events.DecisionRecorded;
import io.contextstore.events.EventKind;
import io.contextstore.events.TaskTracked;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ProjectionPlannerTest {

    private static final int EVERY = ProjectionPlanner.CHECKPOINT_EVERY;

    private static final UUID TENANT = UUID.fromString("00000000-0000-0000-0000-000000000001");

    @Test
    void theFirstCopyOfAnEventByOffsetIsKeptAndLaterCopiesAreNot() {
        TenantPlan plan = ProjectionPlanner.plan(List.of(decision(10, "a"), decision(11, "b"), decision(12, "a")),
                TenantState.empty());

        assertThat(plan.kept()).extracting(k -> k.logged().offset()).containsExactly(10L, 11L);
        assertThat(plan.lastOffset()).as("the last kept event, whatever copies follow it").isEqualTo(11);
        assertThat(plan.events()).isEqualTo(2);
    }

    @Test
    void anEventAlreadyInTheReadModelIsNotKeptAgain() {
        TenantState state = new TenantState(AuditChain.GENESIS, 5, Set.of(id(hash("a"))));

        TenantPlan plan = ProjectionPlanner.plan(List.of(decision(20, "a"), decision(21, "c")), state);

        assertThat(plan.kept()).extracting(k -> k.logged().offset()).containsExactly(21L);
        assertThat(plan.events()).isEqualTo(6);
    }

    @Test
    void theAuditChainAdvancesOverKeptEventsOnlyFromTheStoredHead() {
        String head = AuditChain.next(AuditChain.GENESIS, hash("x"), 1);

        TenantPlan plan = ProjectionPlanner.plan(List.of(decision(7, "a"), decision(8, "a"), decision(9, "b")),
                new TenantState(head, 1, Set.of()));

        String afterA = AuditChain.next(head, hash("a"), 7);
        String afterB = AuditChain.next(afterA, hash("b"), 9);
        assertThat(plan.kept()).extracting(KeptEvent::chain).containsExactly(afterA, afterB);
        assertThat(plan.chainHead()).isEqualTo(afterB);
    }

    @Test
    void anEventWhoseKeyWasDestroyedMovesTheChainTheCountAndTheLastOffsetButKeepsNoRowNorState() {
        LoggedEvent erased = LoggedEvent.unreadable(task(5, "alice", "t1", "pending"));

        TenantPlan plan = ProjectionPlanner.plan(List.of(decision(4, "a"), erased), TenantState.empty());

        String afterA = AuditChain.next(AuditChain.GENESIS, hash("a"), 4);
        assertThat(plan.kept()).extracting(k -> k.logged().offset()).containsExactly(4L);
        assertThat(plan.latestStates()).isEmpty();
        assertThat(plan.chainHead()).isEqualTo(AuditChain.next(afterA, erased.event().getContentHash(), 5));
        assertThat(plan.events()).isEqualTo(2);
        assertThat(plan.lastOffset()).isEqualTo(5);
        assertThat(ProjectionPlanner.plan(List.of(erased), TenantState.empty()).keepsNothing())
                .as("the chain still has to be written").isFalse();
    }

    @Test
    void aTasksLatestStateIsTheOneWithTheHighestOffsetPerUserAndTask() {
        TenantPlan plan = ProjectionPlanner.plan(List.of(task(1, "alice", "t1", "pending"),
                task(2, "bob", "t1", "pending"), task(3, "alice", "t1", "completed")), TenantState.empty());

        assertThat(plan.latestStates()).extracting(k -> k.logged().offset()).containsExactlyInAnyOrder(2L, 3L);
    }

    @Test
    void twoEventsOfTheSameContentWithDifferentIdsAreBothKept() {
        String pending = hash("pending");
        LoggedEvent first = logged(1, "alice", pending, UUID.randomUUID(), new TaskTracked("t", "task", "pending", null, null, 0, 0, 0));
        LoggedEvent again = logged(3, "alice", pending, UUID.randomUUID(), new TaskTracked("t", "task", "pending", null, null, 0, 0, 0));

        TenantPlan plan = ProjectionPlanner.plan(List.of(first, task(2, "alice", "t", "in_progress"), again),
                TenantState.empty());

        assertThat(plan.kept()).extracting(k -> k.logged().offset()).containsExactly(1L, 2L, 3L);
        assertThat(plan.latestStates()).extracting(k -> k.logged().offset()).containsExactly(3L);
    }

    @Test
    void theStatisticsCheckpointMovesToTheEventThatMakesTheChainCountAMultipleAndOnlyThere() {
        List<LoggedEvent> three = List.of(decision(100, "a"), decision(101, "b"), decision(102, "c"));

        assertThat(ProjectionPlanner.plan(three, new TenantState(AuditChain.GENESIS, EVERY - 2, Set.of())).countedTo())
                .isEqualTo(101);
        TenantPlan fewer = ProjectionPlanner.plan(three, new TenantState(AuditChain.GENESIS, EVERY - 4, Set.of()));
        assertThat(fewer.countedTo()).isEqualTo(-1);
        assertThat(fewer.movesCheckpoint()).isFalse();
        assertThat(ProjectionPlanner.plan(three, new TenantState(AuditChain.GENESIS, 2L * EVERY - 3, Set.of())).countedTo())
                .as("the second multiple as the first").isEqualTo(102);
    }

    @Test
    void anUnreadableEventCountsTowardsTheCheckpointAndACopyThatIsNotKeptDoesNot() {
        LoggedEvent erased = LoggedEvent.unreadable(task(50, "alice", "t1", "pending"));
        assertThat(ProjectionPlanner.plan(List.of(erased), new TenantState(AuditChain.GENESIS, EVERY - 1, Set.of()))
                .countedTo()).isEqualTo(50);

        List<LoggedEvent> withCopy = List.of(decision(5, "a"), decision(6, "a"), decision(7, "b"));
        assertThat(ProjectionPlanner.plan(withCopy, new TenantState(AuditChain.GENESIS, EVERY - 2, Set.of())).countedTo())
                .isEqualTo(7);
    }

    @Test
    void theStatisticsCheckpointIsTheSameHoweverTheLogIsBatched() {
        List<LoggedEvent> log = new ArrayList<>();
        for (int offset = 0; offset < 2 * EVERY + 3; offset++) {
            log.add(offset == EVERY + 7 ? LoggedEvent.unreadable(task(offset, "bob", "t", "pending"))
                    : decision(offset, "d" + offset));
        }
        TenantPlan whole = ProjectionPlanner.plan(log, TenantState.empty());

        TenantState state = TenantState.empty();
        long countedTo = -1;
        for (int from = 0; from < log.size(); from += 999) {
            TenantPlan part = ProjectionPlanner.plan(log.subList(from, Math.min(log.size(), from + 999)), state);
            countedTo = part.movesCheckpoint() ? part.countedTo() : countedTo;
            state = new TenantState(part.chainHead(), part.events(), Set.of());
        }
        assertThat(whole.countedTo()).isEqualTo(2L * EVERY - 1);
        assertThat(countedTo).isEqualTo(whole.countedTo());
        assertThat(state.chainHead()).isEqualTo(whole.chainHead());
    }

    @Test
    void aKeptEventCarriesItsKindItsOwnerAndItsFieldsByNameForEveryWriter() {
        TenantPlan plan = ProjectionPlanner.plan(List.of(decision(1, "a"), task(2, "alice", "t", "pending")),
                TenantState.empty());

        KeptEvent decision = plan.kept().get(0);
        assertThat(decision.kind()).isEqualTo(EventKind.DECISION);
        assertThat(decision.privateTo()).as("the whole tenant reads it").isNull();
        assertThat(decision.data()).containsEntry("title", "a").containsEntry("decision", "d").containsEntry("tags", List.of());
        KeptEvent task = plan.kept().get(1);
        assertThat(task.kind()).isEqualTo(EventKind.TASK);
        assertThat(task.privateTo()).isEqualTo("alice");
        assertThat(task.data()).containsEntry("task_id", "t").containsEntry("status", "pending");
    }

    @Test
    void theSameLogAlwaysGivesTheSamePlan() {
        List<LoggedEvent> log = List.of(decision(1, "a"), task(2, "alice", "t", "pending"), decision(3, "a"));

        assertThat(ProjectionPlanner.plan(log, TenantState.empty())).isEqualTo(ProjectionPlanner.plan(log, TenantState.empty()));
    }

    private static LoggedEvent decision(long offset, String content) {
        return logged(offset, "alice", hash(content), new DecisionRecorded(content, "d", null, List.of()));
    }

    private static LoggedEvent task(long offset, String user, String taskId, String status) {
        return logged(offset, user, hash(user + taskId + status + offset),
                new TaskTracked(taskId, "task", status, null, null, 0, 0, 0));
    }

    private static LoggedEvent logged(long offset, String user, String hash, Object payload) {
        return logged(offset, user, hash, id(hash), payload);
    }

    private static UUID id(String hash) {
        return UUID.nameUUIDFromBytes(hash.getBytes());
    }

    private static LoggedEvent logged(long offset, String user, String hash, UUID id, Object payload) {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        return new LoggedEvent(3, offset, ContextEvent.newBuilder().setEventId(id)
                .setTenantId(TENANT).setUserId(user).setDeviceId("d").setProjectId(null).setContentHash(hash)
                .setClientSeq(null).setOccurredAt(at).setReceivedAt(at).setPayload(payload).build());
    }

    private static String hash(String content) {
        return io.contextstore.events.ContentHash.of(java.util.Map.of("c", content));
    }
}
