package io.contextstore.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import io.contextstore.events.topic.SchemaFiles;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;

/**
 * Decodes records the way an analyst without this project's code would: a generic Avro reader
 * built from the .avsc files alone (as shipped in the schemas jar under {@code avro/}).
 */
public final class AvscFiles {

    private AvscFiles() {
    }

    public static Schema contextEventSchema() {
        return SchemaFiles.contextEvent(name -> {
            try (InputStream in = AvscFiles.class.getResourceAsStream("/avro/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("missing avro/" + name + " on the class path");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    public static GenericRecord decodeGeneric(byte[] singleObjectEncoded) {
        try {
            return new BinaryMessageDecoder<GenericRecord>(GenericData.get(), contextEventSchema())
                    .decode(singleObjectEncoded);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
