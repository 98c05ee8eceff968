package io.contextstore.platform.kafka;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contextstore.events.ContentHash;
import io.contextstore.events.ContextEvent;
import io.contextstore.events.DecisionRecorded;
import io.contextstore.events.Scope;
import io.contextstore.events.topic.UndecodableRecordException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ProjectableEventsTest {

    @Test
    void anEventAsIngestWritesItIsProjectable() {
        assertThatCode(() -> ProjectableEvents.check(event(hash()))).doesNotThrowAnyException();
    }

    @Test
    void aHashInCapitalsIsProjectableAsTheAuditChainParsesIt() {
        assertThatCode(() -> ProjectableEvents.check(event(hash().toUpperCase(Locale.ROOT)))).doesNotThrowAnyException();
    }

    @Test
    void aHashThatIsNot64HexDigitsIsUndecodable() {
        for (String hash : List.of(hash().substring(1), hash() + "0", "g" + hash().substring(1), "")) {
            assertThatThrownBy(() -> ProjectableEvents.check(event(hash))).as(hash)
                    .isInstanceOf(UndecodableRecordException.class).hasMessageContaining("content_hash");
        }
    }

    @Test
    void sealedFieldsWhoseHeaderNamesNoKeyAreUndecodable() {
        ContextEvent sealed = event(hash());
        sealed.setSealed(ByteBuffer.wrap(new byte[] {1, 2, 3}));

        assertThatThrownBy(() -> ProjectableEvents.check(sealed)).isInstanceOf(UndecodableRecordException.class)
                .hasMessageContaining("sealed fields name no key");
    }

    @Test
    void aScopeOfNoKnownLevelOrAProjectScopeWithoutItsProjectIsUndecodable() {
        for (Scope scope : List.of(new Scope("galaxy", null), new Scope("project", null))) {
            ContextEvent event = event(hash());
            event.setScope(scope);
            assertThatThrownBy(() -> ProjectableEvents.check(event)).as(scope.toString())
                    .isInstanceOf(UndecodableRecordException.class).hasMessageContaining("scope");
        }
    }

    private static String hash() {
        return ContentHash.of(Map.of("kind", "decision", "title", "t"));
    }

    private static ContextEvent event(String contentHash) {
        UUID tenant = UUID.randomUUID();
        Instant at = Instant.parse("2026-12-07T10:00:00Z");
        return ContextEvent.newBuilder().setEventId(UUID.randomUUID()).setTenantId(tenant).setUserId("alice")
                .setDeviceId("laptop").setProjectId(null).setContentHash(contentHash).setClientSeq(null)
                .setOccurredAt(at).setReceivedAt(at).setPayload(new DecisionRecorded("t", "d", null, List.of())).build();
    }
}
