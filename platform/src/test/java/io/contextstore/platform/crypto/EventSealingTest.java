package io.contextstore.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contextstore.events.ContextEvent;
import io.contextstore.events.DecisionRecorded;
import io.contextstore.events.EventKind;
import io.contextstore.events.EventScope;
import io.contextstore.events.MessagePushed;
import io.contextstore.events.TaskTracked;
import io.contextstore.events.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventSealingTest {

    private static final UUID TENANT = UUID.fromString("7f1c2a9e-0000-4000-8000-000000000001");
    private final SubjectKey key = new SubjectKey(UUID.fromString("00000000-0000-4000-8000-0000000000aa"), filled(32, 7));

    @Test
    void aSealedMessageCarriesNoneOfItsTextInItsEncodedBytesAndOpensBackToTheSameContent() throws Exception {
        ContextEvent plain = event("alice", new MessagePushed("m-1", "s-1", "user", "my diagnosis is confidential"));

        ContextEvent sealed = EventSealing.seal(plain, "plainhash", key, filled(12, 1));
        byte[] wire = Topics.CONTEXT_EVENTS.value().encode(sealed);

        assertThat(new String(wire, StandardCharsets.ISO_8859_1)).doesNotContain("diagnosis").contains("s-1");
        assertThat(((MessagePushed) sealed.getPayload()).getContent()).isEmpty();
        EventSealing.Opened opened = EventSealing.open(Topics.CONTEXT_EVENTS.value().decode(wire), key);
        assertThat(opened.event().getPayload()).isEqualTo(plain.getPayload());
        assertThat(opened.event().getSealed()).isNull();
        assertThat(opened.plainHash()).isEqualTo("plainhash");
    }

    @Test
    void tagsAndOptionalTextAreSealedTooAndComeBackAsPushed() throws Exception {
        ContextEvent decision = event("bob", new DecisionRecorded("Use Kafka", "all writes are events", null, List.of("arch")));
        ContextEvent task = event("bob", new TaskTracked("T-1", "fix login", "completed", "done", null, 2, 0, 1));

        ContextEvent sealedDecision = EventSealing.seal(decision, "h1", key, filled(12, 2));
        ContextEvent sealedTask = EventSealing.seal(task, "h2", key, filled(12, 3));

        assertThat(((DecisionRecorded) sealedDecision.getPayload()).getTags()).isEmpty();
        assertThat(((TaskTracked) sealedTask.getPayload()).getOutcome()).isNull();
        assertThat(((TaskTracked) sealedTask.getPayload()).getStatus()).isEqualTo("completed");
        assertThat(EventSealing.open(sealedDecision, key).event().getPayload()).isEqualTo(decision.getPayload());
        assertThat(EventSealing.open(sealedTask, key).event().getPayload()).isEqualTo(task.getPayload());
    }

    @Test
    void sealedBytesMovedToAnotherEventOrOpenedWithAnotherKeyDoNotOpen() {
        ContextEvent sealed = EventSealing.seal(event("alice", new MessagePushed("m-1", "s-1", "user", "x")), "h", key, filled(12, 4));
        ContextEvent moved = Topics.CONTEXT_EVENTS.value().decode(Topics.CONTEXT_EVENTS.value().encode(sealed));
        moved.setEventId(UUID.randomUUID());
        SubjectKey other = new SubjectKey(key.keyId(), filled(32, 9));

        assertThatThrownBy(() -> EventSealing.open(moved, key)).isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> EventSealing.open(sealed, other)).isInstanceOf(GeneralSecurityException.class);
        assertThat(EventSealing.keyIdOf(sealed)).isEqualTo(key.keyId());
    }

    @Test
    void theKeyedContentHashDependsOnTheKeySoLowEntropyContentCannotBeGuessedWithoutIt() {
        SubjectKey other = new SubjectKey(UUID.randomUUID(), filled(32, 8));

        assertThat(key.contentHash("{\"content\":\"yes\"}")).hasSize(64).isEqualTo(key.contentHash("{\"content\":\"yes\"}"))
                .isNotEqualTo(other.contentHash("{\"content\":\"yes\"}"))
                .isNotEqualTo(io.contextstore.events.ContentHash.ofCanonical("{\"content\":\"yes\"}"));
    }

    @Test
    void aUsersOwnKindsAndPersonalItemsAreSealedUnderTheirKeyAndSharedItemsUnderTheTenants() {
        EventScope tenantWide = EventScope.tenant();
        assertThat(EventSealing.subject(EventKind.MESSAGE, EventScope.personal(null), "alice")).isEqualTo("alice");
        assertThat(EventSealing.subject(EventKind.MESSAGE, tenantWide, "alice")).as("a share").isEqualTo("alice");
        assertThat(EventSealing.subject(EventKind.DECISION, tenantWide, "alice")).isEmpty();
        assertThat(EventSealing.subject(EventKind.DECISION, EventScope.project("acme"), "alice")).isEmpty();
        assertThat(EventSealing.subject(EventKind.DECISION, EventScope.personal("acme"), "alice")).isEqualTo("alice");
        assertThat(EventSealing.seals(EventKind.TOOL_ANALYTICS)).isFalse();
    }

    @Test
    void aPersonalDecisionOpensOnlyAsThePersonalEventItWasSealedFor() throws GeneralSecurityException {
        ContextEvent decision = event("alice", new DecisionRecorded("t", "d", null, List.of()));
        decision.setScope(EventScope.personal(null).toAvro());
        ContextEvent sealed = EventSealing.seal(decision, "h", key, filled(12, 5));

        assertThat(EventSealing.open(sealed, key).event().getPayload()).isEqualTo(decision.getPayload());
        ContextEvent widened = Topics.CONTEXT_EVENTS.value().decode(Topics.CONTEXT_EVENTS.value().encode(sealed));
        widened.setScope(EventScope.tenant().toAvro());
        assertThatThrownBy(() -> EventSealing.open(widened, key)).as("the scope is bound to the sealed fields")
                .isInstanceOf(GeneralSecurityException.class);
    }

    private static ContextEvent event(String user, Object payload) {
        Instant at = Instant.parse("2026-12-01T10:00:00Z");
        return ContextEvent.newBuilder().setEventId(UUID.randomUUID()).setTenantId(TENANT).setUserId(user)
                .setDeviceId("laptop").setProjectId(null).setContentHash("c".repeat(64)).setClientSeq(null)
                .setOccurredAt(at).setReceivedAt(at).setPayload(payload).build();
    }

    static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
