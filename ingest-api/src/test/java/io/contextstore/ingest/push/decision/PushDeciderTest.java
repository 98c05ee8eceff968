package io.contextstore.ingest.push.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contextstore.events.ContentHash;
import io.contextstore.events.ContextEvent;
import io.contextstore.events.DecisionRecorded;
import io.contextstore.events.EventIdentity;
import io.contextstore.events.EventKind;
import io.contextstore.events.EventScope;
import io.contextstore.events.MessagePushed;
import io.contextstore.events.TaskTracked;
import io.contextstore.ingest.push.decision.PushDecider.AlreadyInLog;
import io.contextstore.ingest.push.decision.PushDecider.Append;
import io.contextstore.ingest.push.decision.PushDecider.Known;
import io.contextstore.ingest.push.decision.PushDecider.Outcome;
import io.contextstore.ingest.push.decision.PushDecider.RepeatInRequest;
import io.contextstore.platform.web.ApiProblem;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class PushDeciderTest {

    private static final UUID TENANT = UUID.fromString("00000000-0000-0000-0000-0000000000aa");
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Known NOTHING = new Known(Map.of(), Map.of());

    @Test
    void knownContentIsADuplicateRepeatsAreAnsweredLikeTheFirstAndTheRestIsAppended() {
        ContextItem a = item("a", null);
        ContextItem b = item("b", null);
        UUID bId = ContentHash.eventId(TENANT, b.contentHash());
        IndexedEvent known = new IndexedEvent(bId, b.contentHash(), null, 2, 17);

        List<Outcome> outcomes = PushDecider.decide(command("alice", a, b, a), new Known(Map.of(bId, known), Map.of()), NOW);

        assertThat(outcomes.get(0)).isInstanceOf(Append.class);
        assertThat(outcomes.get(1)).isEqualTo(new AlreadyInLog(known));
        assertThat(outcomes.get(2)).isEqualTo(new RepeatInRequest(0));
    }

    @Test
    void anAppendedEventCarriesTheTokensIdentityTheDerivedIdAndBothClocks() {
        ContextItem item = item("a", Instant.parse("2026-11-24T08:00:00Z"));

        var event = appended(PushDecider.decide(command("alice", item), NOTHING, NOW).get(0));

        assertThat(event.getTenantId()).isEqualTo(TENANT);
        assertThat(event.getUserId()).isEqualTo("alice");
        assertThat(event.getDeviceId()).isEqualTo("laptop");
        assertThat(event.getEventId()).isEqualTo(ContentHash.eventId(TENANT, item.contentHash()));
        assertThat(event.getOccurredAt()).isEqualTo(Instant.parse("2026-11-24T08:00:00Z"));
        assertThat(event.getReceivedAt()).isEqualTo(NOW);
    }

    @Test
    void withoutAClientClockTheEventOccurredWhenItWasReceived() {
        var event = appended(PushDecider.decide(command("alice", item("a", null)), NOTHING, NOW).get(0));

        assertThat(event.getOccurredAt()).isEqualTo(NOW);
    }

    @Test
    void theSameDecisionFromTwoUsersIsOneEventButTheSameMessageIsTwo() {
        ContextItem decision = item("a", null);
        ContextItem message = message("ok");

        UUID aliceDecision = appended(PushDecider.decide(command("alice", decision), NOTHING, NOW).get(0)).getEventId();
        UUID bobDecision = appended(PushDecider.decide(command("bob", decision), NOTHING, NOW).get(0)).getEventId();
        UUID aliceMessage = appended(PushDecider.decide(command("alice", message), NOTHING, NOW).get(0)).getEventId();
        UUID bobMessage = appended(PushDecider.decide(command("bob", message), NOTHING, NOW).get(0)).getEventId();

        assertThat(aliceDecision).isEqualTo(bobDecision);
        assertThat(aliceMessage).isNotEqualTo(bobMessage);
    }

    @Test
    void aTaskThatReturnsToAnEarlierStateInOneRequestIsAppendedEachTimeButAnUnchangedRepeatIsNot() {
        ContextItem pending = task("pending");
        ContextItem inProgress = task("in_progress");

        List<Outcome> outcomes = PushDecider.decide(command("alice", pending, inProgress, pending, pending), NOTHING, NOW);

        assertThat(outcomes.subList(0, 3)).allMatch(Append.class::isInstance);
        assertThat(outcomes.get(3)).isEqualTo(new RepeatInRequest(2));
        assertThat(List.of(appended(outcomes.get(0)).getEventId(), appended(outcomes.get(1)).getEventId(),
                appended(outcomes.get(2)).getEventId())).doesNotHaveDuplicates();
    }

    @Test
    void aTaskEqualToItsIndexedCurrentStateIsADuplicateAndAnyOtherStateFollowsIt() {
        ContextItem pending = task("pending");
        UUID headId = UUID.fromString("00000000-0000-0000-0000-0000000000bb");
        IndexedEvent head = new IndexedEvent(headId, pending.contentHash(), pending.entity(), 3, 40);
        Known known = new Known(Map.of(), Map.of(pending.entity(), head));

        assertThat(PushDecider.decide(command("alice", pending), known, NOW).get(0)).isEqualTo(new AlreadyInLog(head));
        var next = appended(PushDecider.decide(command("alice", task("completed")), known, NOW).get(0));
        assertThat(next.getEventId()).isEqualTo(EventIdentity.stateEventId(TENANT, "alice", "task/T-1",
                task("completed").contentHash(), headId));
    }

    @Test
    void aShareOfTheUsersOwnPersonalItemIsANewEventNamingItAndAShareOfAnotherUsersIsForbidden() {
        ContextItem personal = message("the roadmap");
        UUID own = EventIdentity.contentEventId(TENANT, EventScope.personal(null), "alice", personal.contentHash());
        ContextItem share = new ContextItem(personal.kind(), null, personal.payload(), personal.contentHash(), null, null,
                null, EventScope.Level.TENANT, own).withScope(EventScope.tenant());
        Known pushed = new Known(Map.of(own, new IndexedEvent(own, personal.contentHash(), null, 0, 5)), Map.of());

        ContextEvent event = appended(PushDecider.decide(command("alice", share), pushed, NOW).get(0));

        assertThat(event.getShares()).isEqualTo(own.toString());
        assertThat(event.getEventId()).isNotEqualTo(own).isEqualTo(ContentHash.eventId(TENANT, personal.contentHash()));
        assertThat(EventScope.of(event)).isEqualTo(EventScope.tenant());
        assertThat(PushDecider.contentIds(command("alice", share))).contains(own);
        assertThatThrownBy(() -> PushDecider.decide(command("bob", share), pushed, NOW))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.status()).isEqualTo(HttpStatus.FORBIDDEN));
        assertThatThrownBy(() -> PushDecider.decide(command("alice", share), NOTHING, NOW))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.status()).isEqualTo(HttpStatus.NOT_FOUND));
    }

    private static ContextEvent appended(Outcome outcome) {
        return ((Append) outcome).event();
    }

    private static PushContext command(String user, ContextItem... items) {
        return new PushContext(TENANT, user, "laptop", List.of(items), items.length > 1);
    }

    private static ContextItem item(String title, Instant occurredAt) {
        return new ContextItem(EventKind.DECISION, null, new DecisionRecorded(title, "d", null, List.of()),
                ContentHash.of(Map.of("kind", "decision", "title", title)), occurredAt, null);
    }

    private static ContextItem message(String content) {
        return new ContextItem(EventKind.MESSAGE, null, new MessagePushed("1", "s1", "user", content),
                ContentHash.of(Map.of("kind", "message", "content", content)), null, null);
    }

    private static ContextItem task(String status) {
        return new ContextItem(EventKind.TASK, null, new TaskTracked("T-1", "Fix the login bug", status, null, null, 0, 0, 0),
                ContentHash.of(Map.of("kind", "task", "task_id", "T-1", "status", status)), null, null);
    }
}
