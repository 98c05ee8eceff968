package io.contextstore.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;

/**
 * Decodes records the way an analyst without this project's code would: a generic Avro reader
 * built from the .avsc files alone (as shipped in the schemas jar under {@code avro/}).
 */
public final class AvscFiles {

    private static final List<String> IN_DEPENDENCY_ORDER = List.of("MessagePushed", "TaskTracked",
            "DecisionRecorded", "SkillLearningRecorded", "ErrorSolutionRecorded", "ProjectContextRecorded",
            "ContextEvent");

    private AvscFiles() {
    }

    public static Schema contextEventSchema() {
        Schema.Parser parser = new Schema.Parser();
        Schema last = null;
        for (String name : IN_DEPENDENCY_ORDER) {
            try (InputStream in = AvscFiles.class.getResourceAsStream("/avro/" + name + ".avsc")) {
                if (in == null) {
                    throw new IllegalStateException("missing avro/" + name + ".avsc on the class path");
                }
                last = parser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return last;
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
