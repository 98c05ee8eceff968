package io.contextstore.query.audit;

import io.contextstore.events.CloudEventHeaders;
import io.contextstore.events.ContextEvent;
import io.contextstore.events.EventKind;
import io.contextstore.events.EventScope;
import io.contextstore.events.Payloads;
import io.contextstore.events.SubjectErased;
import io.contextstore.events.topic.Topics;
import io.contextstore.events.topic.UndecodableRecordException;
import io.contextstore.platform.kafka.ProjectableEvents;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One log record as a JSON Lines object: its coordinates, the envelope, {@code data} (the payload's
 * fields by their Avro names, which are the API's names), the CloudEvents headers and the value's
 * bytes (base64), so an auditor can decode the record independently. An erasure (ADR 33), the one record
 * of the topic that is no event, is shown as {@code erasure} with whom it erased. A record the projector would
 * refuse is shown with {@code undecodable} and the reason, never with another tenant's content.
 */
final class EventLines {

    private EventLines() {
    }

    static Map<String, Object> of(ConsumerRecord<byte[], byte[]> record, UUID tenant) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("offset", record.offset());
        line.put("partition", record.partition());
        line.put("timestamp", Instant.ofEpochMilli(Math.max(0, record.timestamp())).toString());
        if (record.value() != null && CloudEventHeaders.isSubjectErased(record.headers())) {
            return erasure(line, record, tenant);
        }
        ContextEvent event;
        try {
            event = record.value() == null ? null : Topics.CONTEXT_EVENTS.value().decode(record.value());
            if (event != null) {
                ProjectableEvents.check(event); // what the projector parks, a replay of this export must not keep
            }
        } catch (UndecodableRecordException e) {
            line.put("undecodable", e.getMessage());
            line.put("value", base64(record.value()));
            return line;
        }
        if (event == null) {
            line.put("undecodable", "record has no value");
            return line;
        }
        if (!tenant.equals(event.getTenantId())) {
            line.put("undecodable", "record key " + tenant + " is not the event's tenant_id");
            return line;
        }
        line.put("id", event.getEventId().toString());
        line.put("tenant_id", event.getTenantId().toString());
        line.put("kind", EventKind.of(event).wireName());
        line.put("user_id", event.getUserId());
        line.put("device_id", event.getDeviceId());
        line.put("project_id", event.getProjectId());
        EventScope scope = EventScope.of(event); // who reads it (ADR 36); records before release 4 by their kind
        Map<String, Object> scopeLine = new LinkedHashMap<>();
        scopeLine.put("level", scope.level().wireName());
        scopeLine.put("project_id", scope.projectId());
        line.put("scope", scopeLine);
        line.put("content_hash", event.getContentHash());
        line.put("client_seq", event.getClientSeq());
        line.put("occurred_at", event.getOccurredAt().toString());
        line.put("received_at", event.getReceivedAt().toString());
        line.put("data", Payloads.data(event.getPayload()));
        line.put("headers", CloudEventHeaders.read(record.headers()));
        line.put("value", base64(record.value()));
        return line;
    }

    private static Map<String, Object> erasure(Map<String, Object> line, ConsumerRecord<byte[], byte[]> record, UUID tenant) {
        SubjectErased erasure;
        try {
            erasure = Topics.SUBJECT_ERASED.decode(record.value());
        } catch (UndecodableRecordException e) {
            line.put("undecodable", e.getMessage());
            line.put("value", base64(record.value()));
            return line;
        }
        if (!tenant.equals(erasure.getTenantId())) {
            line.put("undecodable", "record key " + tenant + " is not the erasure's tenant_id");
            return line;
        }
        Map<String, Object> erased = new LinkedHashMap<>();
        erased.put("user_id", erasure.getUserId());
        erased.put("erased_at", erasure.getErasedAt().toString());
        line.put("id", erasure.getEventId().toString());
        line.put("tenant_id", erasure.getTenantId().toString());
        line.put("erasure", erased);
        line.put("headers", CloudEventHeaders.read(record.headers()));
        line.put("value", base64(record.value()));
        return line;
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
