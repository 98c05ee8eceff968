package io.contextstore.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * CloudEvents 1.0 Kafka protocol binding, binary content mode: attributes travel as headers. {@code ce_type} goes first:
 * a reader that tells an erasure from an event by it decodes one header key a record, not four (the binding leaves the
 * order free, and records written before still read right, only slower).
 */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String TIME = "ce_time";
    public static final String CONTENT_TYPE = "content-type";

    /** The value is Avro single-object encoding; the schema fingerprint is in its first ten bytes. */
    public static final String AVRO_CONTENT_TYPE = "application/avro";

    private CloudEventHeaders() {
    }

    public static List<Header> of(ContextEvent event) {
        return of(EventKind.of(event).cloudEventType(), event.getEventId(), event.getTenantId(), event.getReceivedAt());
    }

    /** The {@code ce_type} of an erasure, the one record on context.events that is not a ContextEvent (ADR 33). */
    public static final String SUBJECT_ERASED_TYPE = "io.contextstore.SubjectErased";
    private static final byte[] SUBJECT_ERASED_TYPE_BYTES = SUBJECT_ERASED_TYPE.getBytes(StandardCharsets.UTF_8);

    public static List<Header> of(SubjectErased erasure) {
        return of(SUBJECT_ERASED_TYPE, erasure.getEventId(), erasure.getTenantId(), erasure.getErasedAt());
    }

    private static List<Header> of(String type, UUID id, UUID tenantId, Instant time) {
        return List.of(
                header(TYPE, type),
                header(SPEC_VERSION, "1.0"),
                header(ID, id.toString()),
                header(SOURCE, "/contextstore/tenants/" + tenantId),
                header(TIME, time.toString()),
                header(CONTENT_TYPE, AVRO_CONTENT_TYPE));
    }

    /** Whether a record of context.events is an erasure rather than a ContextEvent, by its {@code ce_type}. */
    public static boolean isSubjectErased(Iterable<Header> headers) {
        for (Header header : headers) {
            if (header.key().equals(TYPE)) {
                return Arrays.equals(SUBJECT_ERASED_TYPE_BYTES, header.value());
            }
        }
        return false;
    }

    /** Header values as strings, for readers and tests. */
    public static Map<String, String> read(Iterable<Header> headers) {
        return java.util.stream.StreamSupport.stream(headers.spliterator(), false)
                .collect(Collectors.toMap(Header::key, h -> new String(h.value(), StandardCharsets.UTF_8), (a, b) -> b));
    }

    private static Header header(String key, String value) {
        return new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
