package io.contextstore.events.topic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;

/** Avro single-object encoding of one generated record type; a value that does not decode is an undecodable record. */
final class SingleObjectCodec<T> implements Codec<T> {

    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;
    private final String type;

    SingleObjectCodec(BinaryMessageEncoder<T> encoder, BinaryMessageDecoder<T> decoder, String type) {
        this.encoder = encoder;
        this.decoder = decoder;
        this.type = type;
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
        try {
            return decoder.decode(bytes);
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | ClassCastException e) {
            throw new UndecodableRecordException("value is not a single-object encoded " + type + ": " + e.getMessage(), e);
        }
    }
}
