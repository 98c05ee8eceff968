package io.contextstore.events.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contextstore.events.ContextEvent;
import io.contextstore.events.DecisionRecorded;
import io.contextstore.events.EventKind;
import io.contextstore.events.Scope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.junit.jupiter.api.Test;

class ContextEventCodecTest {

    private final Codec<ContextEvent> codec = Topics.CONTEXT_EVENTS.value();

    @Test
    void everyRecordTheEnvelopeHoldsIsTrustedNestedOnesIncluded() {
        // the services run without org.apache.avro.SERIALIZABLE_PACKAGES: what is not listed here cannot be decoded
        assertThat(ContextEventCodec.generatedTypes()).contains(ContextEvent.class, Scope.class, DecisionRecorded.class)
                .containsAll(java.util.Arrays.stream(EventKind.values()).map(EventKind::payloadType).toList());
    }

    @Test
    void roundTripsAnEventThroughSingleObjectEncoding() {
        ContextEvent event = decisionEvent();

        byte[] bytes = codec.encode(event);

        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        assertThat(codec.decode(bytes)).isEqualTo(event);
    }

    @Test
    void aGenericReaderDecodesTheBytesWithTheAvscFilesAlone() throws IOException {
        ContextEvent event = decisionEvent();

        GenericRecord record = new BinaryMessageDecoder<GenericRecord>(GenericData.get(), schemaFromAvscFiles())
                .decode(codec.encode(event));

        assertThat(record.get("tenant_id").toString()).isEqualTo(event.getTenantId().toString());
        assertThat(((GenericRecord) record.get("payload")).get("title").toString()).isEqualTo("Use Kafka");
    }

    @Test
    void bytesThatAreNotAnEventAreAnUndecodableRecord() {
        assertThatThrownBy(() -> codec.decode(new byte[] {(byte) 0xC3, 0x01, 1, 2, 3}))
                .isInstanceOf(UndecodableRecordException.class);
        assertThatThrownBy(() -> codec.decode("{\"json\": true}".getBytes()))
                .isInstanceOf(UndecodableRecordException.class);
    }

    @Test
    void anEventCutShortIsAnUndecodableRecordWhereverItIsCut() {
        byte[] bytes = codec.encode(decisionEvent());
        for (int length = 0; length < bytes.length; length++) {
            byte[] cut = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> codec.decode(cut)).as("cut to %d of %d bytes", length, bytes.length)
                    .isInstanceOf(UndecodableRecordException.class);
        }
    }

    @Test
    void anEventWithAByteChangedDecodesOrIsAnUndecodableRecordNeverAnotherFailure() {
        byte[] bytes = codec.encode(decisionEvent());
        for (int at = 0; at < bytes.length; at++) {
            for (int value : new int[] {0x00, 0x01, 0x7f, 0x80, 0xfe, 0xff}) {
                byte[] changed = bytes.clone();
                changed[at] = (byte) value;
                assertThatCode(() -> {
                    try {
                        codec.decode(changed);
                    } catch (UndecodableRecordException expected) {
                        // a poison record: what the projector parks
                    }
                }).as("byte %d set to %d", at, value).doesNotThrowAnyException();
            }
        }
    }

    @Test
    void aRecordOfAnotherSchemaIsAnUndecodableRecordNamingWhy() {
        byte[] bytes = codec.encode(decisionEvent());
        bytes[5] ^= 1; // the writer schema's fingerprint

        assertThatThrownBy(() -> codec.decode(bytes)).isInstanceOf(UndecodableRecordException.class)
                .hasMessageContaining("not a single-object encoded ContextEvent")
                .hasMessageContaining("schema this reader does not know");
    }

    @Test
    void aKeyThatIsNotUtf8IsAnUndecodableRecord() {
        assertThatThrownBy(() -> Topics.CONTEXT_EVENTS.key().decode(new byte[] {(byte) 0xff, (byte) 0xfe}))
                .isInstanceOf(UndecodableRecordException.class);
    }

    /** The schema an analyst builds from the .avsc files alone (the files the envelope names). */
    static Schema schemaFromAvscFiles() {
        Path dir = Path.of("src/main/avro");
        return SchemaFiles.contextEvent(name -> {
            try {
                return Files.readString(dir.resolve(name));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private static ContextEvent decisionEvent() {
        return ContextEvent.newBuilder()
                .setEventId(UUID.randomUUID())
                .setTenantId(UUID.randomUUID())
                .setUserId("alice")
                .setDeviceId("laptop")
                .setProjectId("ctx")
                .setContentHash("ab".repeat(32))
                .setClientSeq(7L)
                .setOccurredAt(Instant.parse("2026-11-25T10:00:00Z"))
                .setReceivedAt(Instant.parse("2026-11-25T10:00:01Z"))
                .setPayload(DecisionRecorded.newBuilder()
                        .setTitle("Use Kafka")
                        .setDecision("Kafka is the system of record")
                        .setRationale(null)
                        .setTags(List.of("architecture"))
                        .build())
                .build();
    }
}
