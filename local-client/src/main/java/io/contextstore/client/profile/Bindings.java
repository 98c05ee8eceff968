package io.contextstore.client.profile;

import io.contextstore.client.OwnerOnlyFiles;
import io.contextstore.client.json.Json;
import io.contextstore.client.json.JsonException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The directories bound to a profile by {@code ctx profile bind}: {@code $CTX_HOME/bindings.json},
 * {@code {"bindings": {"/abs/dir": "acme", ...}}}, written 0600 and replaced whole.
 */
final class Bindings {

    private final Path file;

    Bindings(Path file) {
        this.file = file;
    }

    /** Directory → profile name, sorted by directory; empty when nothing was ever bound. */
    Map<Path, String> read() {
        if (!Files.exists(file)) {
            return new TreeMap<>();
        }
        try {
            Object bindings = Json.parseObject(Files.readString(file, StandardCharsets.UTF_8)).get("bindings");
            if (!(bindings instanceof Map<?, ?> map)) {
                throw new JsonException("no \"bindings\" object");
            }
            Map<Path, String> read = new TreeMap<>();
            map.forEach((directory, name) -> read.put(Path.of(String.valueOf(directory)), String.valueOf(name)));
            return read;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (JsonException | java.nio.file.InvalidPathException e) {
            throw new ProfileException(file + " is damaged (" + e.getMessage() + "): fix or delete it, then bind again");
        }
    }

    void write(Map<Path, String> bindings) {
        Map<String, Object> json = new LinkedHashMap<>();
        bindings.forEach((directory, name) -> json.put(directory.toString(), name));
        OwnerOnlyFiles.replace(file, Json.write(Map.of("bindings", json)) + "\n");
    }
}
