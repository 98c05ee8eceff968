package io.contextstore.events.topic;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * The released versions of the {@code ContextEvent} schema (schemas/avro/released, shipped under
 * {@code avro/released/}). The log keeps records forever, so records written with any released
 * version must decode after the schema evolves: single-object encoding names the writer's
 * schema by fingerprint, and the decoder needs to know it.
 */
final class ReleasedSchemas {

    private ReleasedSchemas() {
    }

    static List<Schema> all() {
        List<Schema> schemas = new ArrayList<>();
        for (String release : read("avro/released/RELEASES").lines().map(String::trim)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList()) {
            schemas.add(SchemaFiles.contextEvent(name -> read("avro/released/" + release + "/" + name)));
        }
        return schemas;
    }

    private static String read(String resource) {
        try (InputStream in = ReleasedSchemas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource + " on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
