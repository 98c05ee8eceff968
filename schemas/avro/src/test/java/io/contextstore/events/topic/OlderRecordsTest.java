package io.contextstore.events.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contextstore.events.ContextEvent;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

/** The log keeps records forever: a record written with an older released schema must still decode. */
class OlderRecordsTest {

    @Test
    void aRecordWrittenWithAnOlderReleasedSchemaDecodesWithTheCurrentTypes() throws Exception {
        Schema older = withoutClientSeq(ContextEvent.getClassSchema());
        byte[] written = encode(older);

        ContextEvent decoded = new ContextEventCodec(List.of(older)).decode(written);

        assertThat(decoded.getUserId()).isEqualTo("alice");
        assertThat(decoded.getClientSeq()).isNull();
    }

    @Test
    void withoutThatSchemaTheSameRecordIsUndecodable() throws Exception {
        byte[] written = encode(withoutClientSeq(ContextEvent.getClassSchema()));

        assertThatThrownBy(() -> new ContextEventCodec(List.of()).decode(written))
                .isInstanceOf(UndecodableRecordException.class);
    }

    @Test
    void theShippedCodecKnowsEveryReleasedSchema() {
        assertThat(ReleasedSchemas.all()).isNotEmpty()
                .allSatisfy(schema -> assertThat(schema.getFullName()).isEqualTo("io.contextstore.events.ContextEvent"));
    }

    @Test
    void everyReleaseKeptInTheRepositoryIsListedForTheCodec() throws Exception {
        java.nio.file.Path released = java.nio.file.Path.of("released");
        List<String> listed = java.nio.file.Files.readAllLines(released.resolve("RELEASES")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        try (var directories = java.nio.file.Files.list(released)) {
            assertThat(directories.filter(java.nio.file.Files::isDirectory).map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(listed);
        }
    }

    /** The current envelope minus a field that has a default: an older, compatible version. */
    private static Schema withoutClientSeq(Schema current) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : current.getFields()) {
            if (!field.name().equals("client_seq")) {
                fields.add(new Schema.Field(field, field.schema()));
            }
        }
        return Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);
    }

    private static byte[] encode(Schema schema) throws Exception {
        GenericRecord payload = new GenericData.Record(schema.getField("payload").schema().getTypes().get(2));
        payload.put("title", "t");
        payload.put("decision", "d");
        payload.put("rationale", null);
        payload.put("tags", List.of());
        GenericRecord record = new GenericData.Record(schema);
        record.put("event_id", UUID.randomUUID().toString());
        record.put("tenant_id", UUID.randomUUID().toString());
        record.put("user_id", "alice");
        record.put("device_id", "laptop");
        record.put("project_id", null);
        record.put("content_hash", "ab".repeat(32));
        record.put("occurred_at", 1L);
        record.put("received_at", 2L);
        record.put("payload", payload);
        ByteBuffer buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), schema).encode(record);
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
