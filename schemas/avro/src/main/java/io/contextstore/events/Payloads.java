package io.contextstore.events;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

/** Payload records by field name, the same for every kind: built from values, read back as the API shows them. */
public final class Payloads {

    private Payloads() {
    }

    /**
     * A payload of {@code kind} from its field values by name; a field the payload has and the values
     * lack (an absent optional) is null, or its schema default for counts.
     */
    public static SpecificRecordBase build(EventKind kind, Map<String, Object> values) {
        SpecificRecordBase payload = kind.newPayload();
        for (Schema.Field field : payload.getSchema().getFields()) {
            Object value = values.get(field.name());
            payload.put(field.pos(), value != null ? value : SpecificData.get().getDefaultValue(field));
        }
        return payload;
    }

    /** The kind-specific fields of a payload by their names (the API's names), in schema order. */
    public static Map<String, Object> data(Object payload) {
        SpecificRecordBase record = (SpecificRecordBase) payload;
        Map<String, Object> data = new LinkedHashMap<>();
        for (Schema.Field field : record.getSchema().getFields()) {
            Object value = record.get(field.pos());
            data.put(field.name(), value instanceof List<?> list ? List.copyOf(list) : value);
        }
        return data;
    }

    public static Object get(Object payload, String field) {
        return ((SpecificRecordBase) payload).get(field);
    }
}
