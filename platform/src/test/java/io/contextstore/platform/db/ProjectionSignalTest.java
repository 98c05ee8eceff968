package io.contextstore.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ProjectionSignalTest {

    @Test
    void signalsReadBackFromTheirPayloadsEachTenantOnceAtItsOwnPosition() {
        Map<UUID, Long> positions = new HashMap<>();
        for (int i = 0; i < 450; i++) {
            positions.put(UUID.randomUUID(), i % 3 == 0 ? 7L : Long.MAX_VALUE);
        }

        List<String> payloads = ProjectionSignal.payloads(positions);

        Map<UUID, Long> read = new HashMap<>();
        payloads.forEach(payload -> ProjectionSignal.parse(payload)
                .forEach(signal -> assertThat(read.put(signal.tenant(), signal.position())).isNull()));
        assertThat(read).isEqualTo(positions);
    }

    @Test
    void tenantsAtOnePositionSharePayloadsThatPostgresqlAccepts() {
        Map<UUID, Long> positions = new HashMap<>();
        for (int i = 0; i < 1000; i++) {
            positions.put(UUID.randomUUID(), Long.MAX_VALUE); // the longest position there is
        }

        List<String> payloads = ProjectionSignal.payloads(positions);

        assertThat(payloads).hasSize(5);
        assertThat(payloads).allSatisfy(payload ->
                assertThat(payload.getBytes(StandardCharsets.UTF_8).length).isLessThan(8000)); // NOTIFY's limit
    }

    @Test
    void aPayloadOfTheFirstReleaseNamingOneTenantStillReads() {
        UUID tenant = UUID.randomUUID();
        assertThat(ProjectionSignal.parse(tenant + ":1234")).containsExactly(new ProjectionSignal(tenant, 1234));
    }

    @Test
    void aPayloadThatIsNotASignalIsIgnoredWholeRatherThanFailingTheListener() {
        UUID tenant = UUID.randomUUID();
        assertThat(ProjectionSignal.parse(null)).isEmpty();
        assertThat(ProjectionSignal.parse("hello")).isEmpty();
        assertThat(ProjectionSignal.parse("not-a-uuid:5")).isEmpty();
        assertThat(ProjectionSignal.parse(tenant + ":soon")).isEmpty();
        assertThat(ProjectionSignal.parse(tenant + ",not-a-uuid:5")).isEmpty();
        assertThat(ProjectionSignal.parse(tenant + ",:5")).isEmpty();
        assertThat(ProjectionSignal.parse(":5")).isEmpty();
    }

    @Test
    void noSignalsSendNoPayload() {
        assertThat(ProjectionSignal.payloads(Map.of())).isEmpty();
    }
}
