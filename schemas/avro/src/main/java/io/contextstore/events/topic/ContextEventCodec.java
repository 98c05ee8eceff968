package io.contextstore.events.topic;

import io.contextstore.events.ContextEvent;
import io.contextstore.events.EventKind;
import java.util.List;
import java.util.stream.Stream;
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

    private final Codec<ContextEvent> codec;

    ContextEventCodec() {
        this(ReleasedSchemas.all());
    }

    /** @param writerSchemas schemas records may have been written with, besides the current one */
    ContextEventCodec(List<Schema> writerSchemas) {
        BinaryMessageDecoder<ContextEvent> decoder = ContextEvent.createDecoder(null);
        writerSchemas.forEach(decoder::addSchema);
        this.codec = new SingleObjectCodec<>(ContextEvent.getEncoder(), decoder, "ContextEvent");
    }

    @Override
    public byte[] encode(ContextEvent value) {
        return codec.encode(value);
    }

    @Override
    public ContextEvent decode(byte[] bytes) {
        return codec.decode(bytes);
    }

    /**
     * Avro 1.12.2 refuses to instantiate classes it was not told to trust. Trust exactly the
     * generated event types, added to whatever the process already trusts.
     */
    private static void trustGeneratedTypes() {
        trust(Stream.concat(Stream.of(ContextEvent.class), Stream.of(EventKind.values()).map(EventKind::payloadType))
                .toArray(Class<?>[]::new));
    }

    /** Adds generated types to what the process already trusts. */
    static synchronized void trust(Class<?>... types) {
        var builder = ClassSecurityValidator.builder();
        Stream.of(types).forEach(builder::add);
        ClassSecurityValidator.setGlobal(
                ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(), builder.build()));
    }
}
