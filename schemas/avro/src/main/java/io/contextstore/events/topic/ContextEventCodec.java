package io.contextstore.events.topic;

import io.contextstore.events.ContextEvent;
import io.contextstore.events.EventKind;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.Schema;
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
        this.codec = new SingleObjectCodec<>(ContextEvent.class, writerSchemas);
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
     * generated event types, added to whatever the process already trusts: every record the envelope's
     * schema holds (the payloads, and nested records such as release 4's {@code Scope}), found by walking
     * the schema, so a record added to the contract is never forgotten here.
     */
    private static void trustGeneratedTypes() {
        trust(generatedTypes().toArray(Class<?>[]::new));
    }

    /** The generated classes of every record in the envelope's schema. */
    static Set<Class<?>> generatedTypes() {
        Set<Class<?>> types = new LinkedHashSet<>();
        collect(ContextEvent.getClassSchema(), types);
        Stream.of(EventKind.values()).map(EventKind::payloadType).forEach(types::add);
        return types;
    }

    private static void collect(Schema schema, Set<Class<?>> types) {
        switch (schema.getType()) {
            case RECORD -> {
                // plain class loading: Avro's own lookup is the one that refuses untrusted classes
                Class<?> type = load(schema.getFullName());
                if (types.add(type)) {
                    schema.getFields().forEach(field -> collect(field.schema(), types));
                }
            }
            case UNION -> schema.getTypes().forEach(member -> collect(member, types));
            case ARRAY -> collect(schema.getElementType(), types);
            case MAP -> collect(schema.getValueType(), types);
            default -> {
            }
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, ContextEvent.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("no generated class for record " + name, e);
        }
    }

    /** Adds generated types to what the process already trusts. */
    static synchronized void trust(Class<?>... types) {
        var builder = ClassSecurityValidator.builder();
        Stream.of(types).forEach(builder::add);
        ClassSecurityValidator.setGlobal(
                ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(), builder.build()));
    }
}
