package io.contextstore.projector.consume;

import io.contextstore.events.CloudEventHeaders;
import io.contextstore.events.ContextEvent;
import io.contextstore.events.EventScope;
import io.contextstore.events.SubjectErased;
import io.contextstore.events.topic.Topics;
import io.contextstore.events.topic.UndecodableRecordException;
import io.contextstore.platform.crypto.EventSealing;
import io.contextstore.projector.projection.LoggedErasure;
import io.contextstore.projector.projection.LoggedEvent;
import java.util.ArrayList;
import java.util.HexFormat;
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

    /** What {@link io.contextstore.projector.projection.AuditChain} parses: 32 bytes in hex, of either case. */
    private static boolean isSha256Hex(String hash) {
        if (hash.length() != 64) {
            return false;
        }
        for (int i = 0; i < hash.length(); i++) {
            if (!HexFormat.isHexDigit(hash.charAt(i))) {
                return false;
            }
        }
        return true;
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
        projectable(event);
        return event;
    }

    /**
     * What projecting an event takes of its envelope beyond its schema: a hash the audit chain can take, sealed fields
     * whose header names their key, and a scope of a known level. An event without them throws the same way at every retry, so it stalled its
     * partition; it is a poison record instead.
     */
    private static void projectable(ContextEvent event) {
        if (!isSha256Hex(event.getContentHash())) {
            throw new UndecodableRecordException("the event's content_hash is not 64 hex digits", null);
        }
        try {
            EventSealing.keyIdOf(event);
        } catch (IllegalArgumentException e) {
            throw new UndecodableRecordException("the event's sealed fields name no key: " + e.getMessage(), e);
        }
        try {
            EventScope.of(event);
        } catch (IllegalArgumentException e) {
            throw new UndecodableRecordException("the event's scope is none the projector knows: " + e.getMessage(), e);
        }
    }
}
