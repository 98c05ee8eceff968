package io.contextstore.examples.analyst;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParser;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;

/**
 * Decodes values of {@code context.events} with nothing but Apache Avro and the .avsc files.
 *
 * <p>A value is Avro single-object encoding: {@code C3 01}, then the 8-byte little-endian
 * CRC-64-AVRO fingerprint of the writer's schema, then the binary datum. The decoder finds the
 * writer's schema by that fingerprint among the schemas it was given (the current ones and every
 * released version), and resolves the datum to the reader schema (the first directory's).
 */
public final class EventDecoder {

    public static final String ENVELOPE = "io.contextstore.events.ContextEvent";

    private final Schema reader;
    private final BinaryMessageDecoder<GenericRecord> decoder;

    /** @param directories directories of .avsc files; the first holds the schemas to read with, the others older releases */
    public EventDecoder(List<Path> directories) {
        this.reader = envelope(directories.get(0));
        this.decoder = new BinaryMessageDecoder<>(GenericData.get(), reader);
        for (Path older : directories.subList(1, directories.size())) {
            decoder.addSchema(envelope(older));
        }
    }

    public Schema readerSchema() {
        return reader;
    }

    /**
     * Whether the reader schema knows the kind a record's {@code ce_type} header names
     * ({@code io.contextstore.DecisionRecorded}). A kind added in a later release cannot be read with an
     * older reader schema; the header tells so before decoding, so such a record can be skipped (ADR 29).
     */
    public boolean knowsKind(String ceType) {
        String record = ceType == null ? "" : ceType.substring(ceType.lastIndexOf('.') + 1);
        return reader.getField("payload").schema().getTypes().stream().anyMatch(branch -> branch.getName().equals(record));
    }

    public GenericRecord decode(byte[] value) {
        try {
            return decoder.decode(value);
        } catch (IOException e) {
            throw new UncheckedIOException("not a single-object encoded ContextEvent", e);
        }
    }

    /** The writer schema's fingerprint, as it travels in bytes 2 to 9 of every value. */
    public static long fingerprint(byte[] value) {
        if (value.length < 10 || value[0] != (byte) 0xC3 || value[1] != 0x01) {
            throw new IllegalArgumentException("not Avro single-object encoding (it starts with C3 01)");
        }
        return ByteBuffer.wrap(value, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    /** Parses every .avsc file of a directory together (the envelope refers to the payload records by name). */
    static Schema envelope(Path directory) {
        SchemaParser parser = new SchemaParser();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".avsc")).sorted().toList()) {
                parser.parse(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the schemas in " + directory, e);
        }
        return parser.getParsedNamedSchemas().stream().filter(s -> s.getFullName().equals(ENVELOPE)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(directory + " has no " + ENVELOPE));
    }
}
