package io.contextstore.events.topic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;

/**
 * Avro single-object encoding of one generated record type; a value that does not decode is an undecodable record.
 *
 * <p>Decodes the datum from the bytes themselves. Avro's {@code BinaryMessageDecoder} hands it to a reader through an
 * {@code InputStream}, which its decoder then reads a byte at a time: 1.5 µs a 936-byte event where this takes 0.9, and
 * the reads of single bytes alone were 6% of the projector's consumer threads' samples (bench/profiling.md, 7 December
 * 2026). The header is the format's ten bytes (a two-byte marker, the writer schema's CRC-64-AVRO fingerprint); the
 * reader for each writer schema is Avro's own, made by the type's model.
 */
final class SingleObjectCodec<T> implements Codec<T> {

    private static final int HEADER = 10;

    private final BinaryMessageEncoder<T> encoder;
    /** A reader into the current schema, by the fingerprint of each schema a record may have been written with. */
    private final Map<Long, DatumReader<T>> readers = new HashMap<>();
    private final String type;

    /**
     * @param type    the generated record type: its schema, which decoded records have, and its data model (its
     *                conversions, e.g. timestamps as {@code Instant}) come from it
     * @param writers schemas records may have been written with besides the type's own (older releases)
     */
    @SuppressWarnings("unchecked")
    SingleObjectCodec(Class<T> type, List<Schema> writers) {
        SpecificData model = SpecificData.getForClass(type);
        Schema schema = model.getSchema(type);
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        this.type = type.getSimpleName();
        for (Schema writer : writers) {
            readers.put(SchemaNormalization.parsingFingerprint64(writer), model.createDatumReader(writer, schema));
        }
        readers.put(SchemaNormalization.parsingFingerprint64(schema), model.createDatumReader(schema, schema));
    }

    @Override
    public byte[] encode(T value) {
        try {
            ByteBuffer buffer = encoder.encode(value);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public T decode(byte[] bytes) {
        if (bytes.length < HEADER || bytes[0] != (byte) 0xC3 || bytes[1] != (byte) 0x01) {
            throw undecodable("no single-object header", null);
        }
        DatumReader<T> reader = readers.get(ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong());
        if (reader == null) {
            throw undecodable("written with a schema this reader does not know", null);
        }
        try {
            return reader.read(null, DecoderFactory.get().binaryDecoder(bytes, HEADER, bytes.length - HEADER, null));
        } catch (IOException | RuntimeException e) {
            // decoding is a function of the bytes alone: whatever it throws (a logical type's conversion of a field,
            // an invalid UUID, throws IllegalArgumentException), the same bytes throw it again, so a retry would stall
            // the partition behind them
            throw undecodable(e.getMessage(), e);
        }
    }

    private UndecodableRecordException undecodable(String reason, Exception cause) {
        return new UndecodableRecordException("value is not a single-object encoded " + type + ": " + reason, cause);
    }
}
