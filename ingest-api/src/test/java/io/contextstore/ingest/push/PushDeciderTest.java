package io.contextstore.ingest.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.events.ContentHash;
import io.contextstore.events.DecisionRecorded;
import io.contextstore.events.EventKind;
import io.contextstore.ingest.push.PushDecider.AlreadyInLog;
import io.contextstore.ingest.push.PushDecider.Append;
import io.contextstore.ingest.push.PushDecider.Outcome;
import io.contextstore.ingest.push.PushDecider.RepeatInRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PushDeciderTest {

    private static final UUID TENANT = UUID.fromString("00000000-0000-0000-0000-0000000000aa");
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @Test
    void knownContentIsADuplicateRepeatsAreAnsweredLikeTheFirstAndTheRestIsAppended() {
        ContextItem a = item("a", null);
        ContextItem b = item("b", null);
        IndexedEvent known = new IndexedEvent(b.contentHash(), ContentHash.eventId(TENANT, b.contentHash()), 2, 17);

        List<Outcome> outcomes = PushDecider.decide(command(a, b, a), Map.of(b.contentHash(), known), NOW);

        assertThat(outcomes.get(0)).isInstanceOf(Append.class);
        assertThat(outcomes.get(1)).isEqualTo(new AlreadyInLog(known));
        assertThat(outcomes.get(2)).isEqualTo(new RepeatInRequest(0));
    }

    @Test
    void anAppendedEventCarriesTheTokensIdentityTheDerivedIdAndBothClocks() {
        ContextItem item = item("a", Instant.parse("2026-11-24T08:00:00Z"));

        var event = ((Append) PushDecider.decide(command(item), Map.of(), NOW).get(0)).event();

        assertThat(event.getTenantId()).isEqualTo(TENANT);
        assertThat(event.getUserId()).isEqualTo("alice");
        assertThat(event.getDeviceId()).isEqualTo("laptop");
        assertThat(event.getEventId()).isEqualTo(ContentHash.eventId(TENANT, item.contentHash()));
        assertThat(event.getOccurredAt()).isEqualTo(Instant.parse("2026-11-24T08:00:00Z"));
        assertThat(event.getReceivedAt()).isEqualTo(NOW);
    }

    @Test
    void withoutAClientClockTheEventOccurredWhenItWasReceived() {
        var event = ((Append) PushDecider.decide(command(item("a", null)), Map.of(), NOW).get(0)).event();

        assertThat(event.getOccurredAt()).isEqualTo(NOW);
    }

    private static PushContext command(ContextItem... items) {
        return new PushContext(TENANT, "alice", "laptop", List.of(items), items.length > 1);
    }

    private static ContextItem item(String title, Instant occurredAt) {
        return new ContextItem(EventKind.DECISION, null, new DecisionRecorded(title, "d", null, List.of()),
                ContentHash.of(Map.of("kind", "decision", "title", title)), occurredAt, null);
    }
}
