package io.contextstore.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

class CloudEventHeadersTest {

    private static final UUID TENANT = UUID.fromString("00000000-0000-4000-8000-000000000001");

    @Test
    void anEventsHeadersLeadWithItsTypeSoAReaderDecodesOneKeyToTellItFromAnErasure() {
        List<Header> headers = CloudEventHeaders.of(event());

        assertThat(headers.get(0).key()).isEqualTo(CloudEventHeaders.TYPE);
        assertThat(CloudEventHeaders.read(headers)).containsEntry("ce_type", EventKind.DECISION.cloudEventType())
                .containsEntry("ce_specversion", "1.0").containsKeys("ce_id", "ce_source", "ce_time", "content-type");
        assertThat(CloudEventHeaders.isSubjectErased(headers)).isFalse();
    }

    @Test
    void anErasureIsToldApartByItsTypeAlsoInTheHeaderOrderOfRecordsWrittenBefore() {
        List<Header> erasure = CloudEventHeaders.of(new SubjectErased(UUID.randomUUID(), TENANT, "alice", Instant.EPOCH));
        List<Header> olderOrder = List.of(header("ce_specversion", "1.0"), header("ce_id", "x"), header("ce_source", "y"),
                header("ce_type", CloudEventHeaders.SUBJECT_ERASED_TYPE), header("ce_time", "z"));

        assertThat(erasure.get(0).key()).isEqualTo(CloudEventHeaders.TYPE);
        assertThat(CloudEventHeaders.isSubjectErased(erasure)).isTrue();
        assertThat(CloudEventHeaders.isSubjectErased(olderOrder)).isTrue();
    }

    @Test
    void aTypeThatOnlyBeginsLikeAnErasuresOrTheErasuresTypeUnderAnotherKeyIsNotAnErasure() {
        assertThat(CloudEventHeaders.isSubjectErased(List.of(header("ce_type", CloudEventHeaders.SUBJECT_ERASED_TYPE + "V2"))))
                .isFalse();
        assertThat(CloudEventHeaders.isSubjectErased(List.of(header("ce_id", CloudEventHeaders.SUBJECT_ERASED_TYPE))))
                .isFalse();
    }

    private static Header header(String key, String value) {
        return new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8));
    }

    private static ContextEvent event() {
        return ContextEvent.newBuilder().setEventId(UUID.randomUUID()).setTenantId(TENANT).setUserId("alice")
                .setDeviceId("laptop").setContentHash("ab".repeat(32)).setOccurredAt(Instant.EPOCH)
                .setReceivedAt(Instant.EPOCH)
                .setPayload(DecisionRecorded.newBuilder().setTitle("t").setDecision("d").build()).build();
    }
}
