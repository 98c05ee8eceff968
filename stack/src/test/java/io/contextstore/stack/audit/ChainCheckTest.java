package io.contextstore.stack.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.events.ContentHash;
import io.contextstore.events.ContextEvent;
import io.contextstore.events.DecisionRecorded;
import io.contextstore.events.MessagePushed;
import io.contextstore.projector.projection.AuditChain;
import io.contextstore.projector.projection.KeptEvent;
import io.contextstore.projector.projection.LoggedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ChainCheckTest {

    private static final UUID TENANT = UUID.fromString("7f0c2a8e-2b5c-4d8e-9f3a-1c2d3e4f5a6b");

    /** Offsets 10, 12, 15 (a copy of 10's content), 20; the read model keeps 10, 12, 20. */
    private final List<LoggedEvent> log = List.of(event(10, "a"), event(12, "b"), event(15, "a"), event(20, "c"));

    @Test
    void theChainOfTheLogsFirstCopiesMatchesWhatTheProjectorStored() {
        ChainCheck check = new ChainCheck(stored().iterator(), 20);

        List<KeptEvent> kept = check.accept(log);

        assertThat(kept).extracting(k -> k.logged().offset()).containsExactly(10L, 12L, 20L);
        assertThat(check.finish(stored().get(2).chain(), 3, 20)).isEmpty();
        assertThat(check.compared()).isEqualTo(3);
    }

    @Test
    void chunksGiveTheSameChainAsOneBatch() {
        ChainCheck whole = new ChainCheck(stored().iterator(), 20);
        ChainCheck chunked = new ChainCheck(stored().iterator(), 20);

        whole.accept(log);
        List<KeptEvent> kept = new ArrayList<>(chunked.accept(log.subList(0, 2)));
        kept.addAll(chunked.accept(log.subList(2, 4)));

        assertThat(kept).extracting(k -> k.logged().offset()).containsExactly(10L, 12L, 20L);
        assertThat(chunked.head()).isEqualTo(whole.head());
    }

    @Test
    void anAlteredChainIsReportedAtItsOffset() {
        List<ChainCheck.Link> links = new ArrayList<>(stored());
        links.set(1, new ChainCheck.Link(12, id("b"), hash("b"), "f".repeat(64)));
        ChainCheck check = new ChainCheck(links.iterator(), 20);

        check.accept(log);

        assertThat(check.finish(stored().get(2).chain(), 3, 20)).get()
                .satisfies(d -> assertThat(d.offset()).isEqualTo(12))
                .satisfies(d -> assertThat(d.what()).startsWith("chain differs"));
    }

    @Test
    void aMissingStoredEventAndAnExtraOneAreReportedAtTheirOffsets() {
        ChainCheck missing = new ChainCheck(List.of(stored().get(0), stored().get(2)).iterator(), 20);
        missing.accept(log);
        List<ChainCheck.Link> extra = new ArrayList<>(stored());
        extra.add(1, new ChainCheck.Link(11, id("z"), hash("z"), "0".repeat(64)));
        ChainCheck forged = new ChainCheck(extra.iterator(), 20);
        forged.accept(log);

        assertThat(missing.finish(stored().get(2).chain(), 3, 20)).get()
                .satisfies(d -> assertThat(d.offset()).isEqualTo(12))
                .satisfies(d -> assertThat(d.what()).contains("missing from the read model"));
        assertThat(forged.finish(stored().get(2).chain(), 3, 20)).get()
                .satisfies(d -> assertThat(d.offset()).isEqualTo(11))
                .satisfies(d -> assertThat(d.what()).contains("does not keep"));
    }

    @Test
    void eventsPastTheBoundAreNotComparedAndAStaleHeadIsNotBlamed() {
        ChainCheck check = new ChainCheck(stored().subList(0, 2).iterator(), 15);

        check.accept(log);

        assertThat(check.finish(stored().get(1).chain(), 2, 12)).isEmpty();
        assertThat(check.compared()).isEqualTo(2);
    }

    @Test
    void aTamperedHeadIsReportedAtTheTenantsLastOffset() {
        ChainCheck check = new ChainCheck(stored().iterator(), 20);

        check.accept(log);

        assertThat(check.finish("e".repeat(64), 3, 20)).get()
                .satisfies(d -> assertThat(d.offset()).isEqualTo(20))
                .satisfies(d -> assertThat(d.what()).contains("chain head differs"));
    }

    @Test
    void aReplayFromALaterOffsetIsSeededWithTheStoredChainBeforeIt() {
        ChainCheck check = new ChainCheck(stored().iterator(), 20);

        check.seedUntil(13);
        List<KeptEvent> kept = check.accept(log.subList(2, 4));

        assertThat(kept).extracting(k -> k.logged().offset()).containsExactly(20L);
        assertThat(check.finish(stored().get(2).chain(), 3, 20)).isEmpty();
    }

    @Test
    void aPrivateEventMissingFromTheReadModelIsNoDivergenceOnlyWhenItsUserIsErasedLaterInTheLog() {
        LoggedEvent message = message(11, "alice", "a private note");
        List<LoggedEvent> withMessage = List.of(log.get(0), message, log.get(1), log.get(2), log.get(3));
        List<ChainCheck.Link> links = linksThrough(withMessage);
        List<ChainCheck.Link> afterErasure = List.of(links.get(0), links.get(2), links.get(3));

        ChainCheck erased = new ChainCheck(afterErasure.iterator(), 20);
        erased.accept(withMessage);
        erased.erased("alice", 21);
        ChainCheck erasedBefore = new ChainCheck(afterErasure.iterator(), 20);
        erasedBefore.accept(withMessage);
        erasedBefore.erased("alice", 5);
        ChainCheck otherUser = new ChainCheck(afterErasure.iterator(), 20);
        otherUser.accept(withMessage);
        otherUser.erased("bob", 21);
        ChainCheck sharedMissing = new ChainCheck(List.of(links.get(0), links.get(1), links.get(3)).iterator(), 20);
        sharedMissing.accept(withMessage);
        sharedMissing.erased("alice", 21);

        String head = links.get(3).chain();
        assertThat(erased.finish(head, 4, 20)).as("the erasure explains the missing row").isEmpty();
        assertThat(erasedBefore.finish(head, 4, 20)).as("an erasure before the event does not").get()
                .satisfies(d -> assertThat(d.offset()).isEqualTo(11));
        assertThat(otherUser.finish(head, 4, 20)).as("nor another user's").get()
                .satisfies(d -> assertThat(d.offset()).isEqualTo(11));
        assertThat(sharedMissing.finish(head, 4, 20)).as("a shared row is anonymized, never deleted").get()
                .satisfies(d -> assertThat(d.offset()).isEqualTo(12));
    }

    /** The links the projector stores for the kept events of {@code events}. */
    private static List<ChainCheck.Link> linksThrough(List<LoggedEvent> events) {
        List<ChainCheck.Link> links = new ArrayList<>();
        String chain = AuditChain.GENESIS;
        java.util.Set<UUID> seen = new java.util.HashSet<>();
        for (LoggedEvent logged : events) {
            ContextEvent event = logged.event();
            if (seen.add(event.getEventId())) {
                chain = AuditChain.next(chain, event.getContentHash(), logged.offset());
                links.add(new ChainCheck.Link(logged.offset(), event.getEventId(), event.getContentHash(), chain));
            }
        }
        return links;
    }

    private static LoggedEvent message(long offset, String user, String content) {
        String hash = ContentHash.of(Map.of("kind", "message", "content", content));
        Instant at = Instant.parse("2026-11-25T10:00:00Z");
        ContextEvent event = ContextEvent.newBuilder().setEventId(ContentHash.eventId(TENANT, hash))
                .setTenantId(TENANT).setUserId(user).setDeviceId("laptop").setProjectId(null)
                .setContentHash(hash).setClientSeq(null).setOccurredAt(at).setReceivedAt(at)
                .setPayload(new MessagePushed("m-1", "s-1", "user", content)).build();
        return new LoggedEvent(3, offset, event);
    }

    /** The chain as the projector stores it for the log above. */
    private List<ChainCheck.Link> stored() {
        String first = AuditChain.next(AuditChain.GENESIS, hash("a"), 10);
        String second = AuditChain.next(first, hash("b"), 12);
        String third = AuditChain.next(second, hash("c"), 20);
        return List.of(new ChainCheck.Link(10, id("a"), hash("a"), first), new ChainCheck.Link(12, id("b"), hash("b"), second),
                new ChainCheck.Link(20, id("c"), hash("c"), third));
    }

    private static UUID id(String content) {
        return ContentHash.eventId(TENANT, hash(content));
    }

    private static String hash(String content) {
        return ContentHash.of(Map.of("kind", "decision", "title", content));
    }

    private static LoggedEvent event(long offset, String content) {
        Instant at = Instant.parse("2026-11-25T10:00:00Z");
        ContextEvent event = ContextEvent.newBuilder().setEventId(ContentHash.eventId(TENANT, hash(content)))
                .setTenantId(TENANT).setUserId("alice").setDeviceId("laptop").setProjectId(null)
                .setContentHash(hash(content)).setClientSeq(null).setOccurredAt(at).setReceivedAt(at)
                .setPayload(new DecisionRecorded(content, "d", null, List.of())).build();
        return new LoggedEvent(3, offset, event);
    }
}
