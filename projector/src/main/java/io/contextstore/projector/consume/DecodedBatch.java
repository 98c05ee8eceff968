package io.contextstore.projector.consume;

import io.contextstore.events.ContextEvent;
import io.contextstore.events.topic.Topics;
import io.contextstore.events.topic.UndecodableRecordException;
import io.contextstore.projector.projection.LoggedEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** One partition's records, split into events that decode and poison records with the reason. */
record DecodedBatch(List<LoggedEvent> events, List<Poison> poison) {

    public record Poison(ConsumerRecord<byte[], byte[]> record, String reason) {
    }

    public static DecodedBatch of(List<ConsumerRecord<byte[], byte[]>> records) {
        List<LoggedEvent> events = new ArrayList<>();
        List<Poison> poison = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            try {
                events.add(new LoggedEvent(record.partition(), record.offset(), decode(record)));
            } catch (UndecodableRecordException e) {
                poison.add(new Poison(record, e.getMessage()));
            }
        }
        return new DecodedBatch(events, poison);
    }

    private static ContextEvent decode(ConsumerRecord<byte[], byte[]> record) {
        if (record.key() == null || record.value() == null) {
            throw new UndecodableRecordException("record has no " + (record.key() == null ? "key" : "value"), null);
        }
        String key = Topics.CONTEXT_EVENTS.key().decode(record.key());
        ContextEvent event = Topics.CONTEXT_EVENTS.value().decode(record.value());
        if (!key.equals(event.getTenantId().toString())) {
            throw new UndecodableRecordException("record key " + key + " is not the event's tenant_id", null);
        }
        return event;
    }
}
