package io.contextstore.projector.consume;

import io.contextstore.events.CloudEventHeaders;
import io.contextstore.events.ContextEvent;
import io.contextstore.events.SubjectErased;
import io.contextstore.events.topic.Topics;
import io.contextstore.events.topic.UndecodableRecordException;
import io.contextstore.platform.kafka.ProjectableEvents;
import io.contextstore.projector.projection.LoggedErasure;
import io.contextstore.projector.projection.LoggedEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One partition's records, split into events that decode, erasures (the one other record type the topic
 * carries, told apart by its {@code ce_type}, ADR 33) and poison records with the reason.
 */
record DecodedBatch(List<LoggedEvent> events, List<LoggedErasure> erasures, List<Poison> poison) {

    public record Poison(ConsumerRecord<byte[], byte[]> record, String reason) {
    }

    public static DecodedBatch of(List<ConsumerRecord<byte[], byte[]>> records) {
        List<LoggedEvent> events = new ArrayList<>();
        List<LoggedErasure> erasures = new ArrayList<>();
        List<Poison> poison = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            try {
                if (CloudEventHeaders.isSubjectErased(record.headers())) {
                    erasures.add(erasure(record));
                } else {
                    events.add(new LoggedEvent(record.partition(), record.offset(), decode(record)));
                }
            } catch (UndecodableRecordException e) {
                poison.add(new Poison(record, e.getMessage()));
            }
        }
        return new DecodedBatch(events, erasures, poison);
    }

    private static LoggedErasure erasure(ConsumerRecord<byte[], byte[]> record) {
        String key = key(record);
        SubjectErased erasure = Topics.SUBJECT_ERASED.decode(record.value());
        if (!key.equals(erasure.getTenantId().toString())) {
            throw new UndecodableRecordException("record key " + key + " is not the erasure's tenant_id", null);
        }
        return new LoggedErasure(record.partition(), record.offset(), erasure.getTenantId(), erasure.getUserId());
    }

    private static String key(ConsumerRecord<byte[], byte[]> record) {
        if (record.key() == null || record.value() == null) {
            throw new UndecodableRecordException("record has no " + (record.key() == null ? "key" : "value"), null);
        }
        return Topics.CONTEXT_EVENTS.key().decode(record.key());
    }

    private static ContextEvent decode(ConsumerRecord<byte[], byte[]> record) {
        String key = key(record);
        ContextEvent event = Topics.CONTEXT_EVENTS.value().decode(record.value());
        if (!key.equals(event.getTenantId().toString())) {
            throw new UndecodableRecordException("record key " + key + " is not the event's tenant_id", null);
        }
        ProjectableEvents.check(event);
        return event;
    }
}
