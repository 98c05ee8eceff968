package io.contextstore.events.topic;

import io.contextstore.events.ContextEvent;
import io.contextstore.events.EventKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro single-object encoding of {@link ContextEvent}: a two-byte marker, the schema's CRC-64-AVRO
 * fingerprint, then the binary datum. Any Avro library decodes it given the .avsc files.
 */
final class ContextEventCodec implements Codec<ContextEvent> {

    static {
        trustGeneratedTypes();
    }

    private final BinaryMessageDecoder<ContextEvent> decoder;

    ContextEventCodec() {
        this(ReleasedSchemas.all());
    }

    /** @param writerSchemas schemas records may have been written with, besides the current one */
    ContextEventCodec(List<Schema> writerSchemas) {
        this.decoder = ContextEvent.createDecoder(null);
        writerSchemas.forEach(decoder::addSchema);
    }

    @Override
    public byte[] encode(ContextEvent value) {
        try {
            ByteBuffer buffer = ContextEvent.getEncoder().encode(value);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public ContextEvent decode(byte[] bytes) {
        try {
            return decoder.decode(bytes);
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | ClassCastException e) {
            throw new UndecodableRecordException("value is not a single-object encoded ContextEvent: " + e.getMessage(), e);
        }
    }

    /**
     * Avro 1.12.2 refuses to instantiate classes it was not told to trust. Trust exactly the
     * generated event types, added to whatever the process already trusts.
     */
    private static void trustGeneratedTypes() {
        var builder = ClassSecurityValidator.builder();
        builder.add(ContextEvent.class);
        Stream.of(EventKind.values()).map(EventKind::payloadType).forEach(builder::add);
        ClassSecurityValidator.setGlobal(
                ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(), builder.build()));
    }
}
