package io.contextstore.projector.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contextstore.events.ContextEvent;
import io.contextstore.events.MessagePushed;
import io.contextstore.platform.crypto.EventSealing;
import io.contextstore.platform.crypto.MasterKeyRing;
import io.contextstore.platform.crypto.MasterKeyUnavailableException;
import io.contextstore.platform.crypto.SubjectKey;
import io.contextstore.platform.crypto.SubjectKeys;
import io.contextstore.projector.projection.LoggedEvent;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

class EventOpenerTest {

    private static final UUID TENANT = UUID.fromString("11111111-0000-4000-8000-000000000001");
    private static final AtomicInteger NONCES = new AtomicInteger();

    private final SubjectKey key = new SubjectKey(UUID.fromString("22222222-0000-4000-8000-000000000002"), filled(32, 3));
    private final SubjectKeys keys = new SubjectKeys(MasterKeyRing.fromText("mk-1 " + java.util.Base64.getEncoder()
            .encodeToString(filled(32, 9)), () -> filled(12, NONCES.incrementAndGet())), () -> filled(32, 5), UUID::randomUUID);
    private final EventOpener opener = new EventOpener(keys);

    @Test
    void aSealedEventOpensWithItsKeyAndIsUnreadableOnceTheKeyIsGone() {
        List<LoggedEvent> opened = opener.open(opener.begin(), TENANT, List.of(sealed(1, "hello")), false, lookup(key));
        List<LoggedEvent> erased = opener.open(opener.begin(), TENANT, List.of(sealed(2, "hello")), false, lookup(null));

        assertThat(opened.get(0).readable()).isTrue();
        assertThat(((MessagePushed) opened.get(0).event().getPayload()).getContent()).isEqualTo("hello");
        assertThat(opened.get(0).readHash()).isEqualTo("plain-1");
        assertThat(erased.get(0).readable()).isFalse();
    }

    @Test
    void aRememberedKeyIsNotUsedForABatchThatErasesItsTenantNorAfterThatBatchCommitted() {
        EventOpener.Staged first = opener.begin();
        opener.open(first, TENANT, List.of(sealed(1, "a")), true, lookup(key));
        opener.commit(first);

        List<LoggedEvent> fromMemory = opener.open(opener.begin(), TENANT, List.of(sealed(2, "b")), true, lookup(null));
        EventOpener.Staged erasing = opener.begin();
        erasing.forget(TENANT);
        List<LoggedEvent> inTheErasingBatch = opener.open(erasing, TENANT, List.of(sealed(3, "c")), true, lookup(null));
        opener.commit(erasing);
        List<LoggedEvent> afterwards = opener.open(opener.begin(), TENANT, List.of(sealed(4, "d")), true, lookup(null));

        assertThat(fromMemory.get(0).readable()).as("no erasure seen yet: the key it remembers").isTrue();
        assertThat(inTheErasingBatch.get(0).readable()).isFalse();
        assertThat(afterwards.get(0).readable()).isFalse();
    }

    @Test
    void sealedEventsWithoutAMasterKeyStopTheProjectorInsteadOfProjectingNothing() {
        EventOpener withoutKeys = new EventOpener(null);

        assertThatThrownBy(() -> withoutKeys.open(withoutKeys.begin(), TENANT, List.of(sealed(1, "x")), false, lookup(key)))
                .isInstanceOf(MasterKeyUnavailableException.class);
    }

    private BiFunction<SubjectKeys, Set<UUID>, Map<UUID, SubjectKey>> lookup(SubjectKey existing) {
        return (subjectKeys, ids) -> existing == null || !ids.contains(existing.keyId()) ? Map.of() : Map.of(existing.keyId(), existing);
    }

    private LoggedEvent sealed(long offset, String content) {
        Instant at = Instant.parse("2026-12-01T10:00:00Z");
        ContextEvent plain = ContextEvent.newBuilder().setEventId(UUID.nameUUIDFromBytes(("e" + offset).getBytes()))
                .setTenantId(TENANT).setUserId("alice").setDeviceId("laptop").setProjectId(null)
                .setContentHash("k".repeat(64)).setClientSeq(null).setOccurredAt(at).setReceivedAt(at)
                .setPayload(new MessagePushed("m-" + offset, "s-1", "user", content)).build();
        return new LoggedEvent(0, offset, EventSealing.seal(plain, "plain-" + offset, key, filled(12, 100 + NONCES.incrementAndGet())));
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
