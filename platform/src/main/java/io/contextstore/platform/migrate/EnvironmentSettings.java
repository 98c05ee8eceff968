package io.contextstore.platform.migrate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Settings from environment variables, where a secret may instead come from a file named by
 * {@code <NAME>_FILE} (Docker and Kubernetes secrets are files), as the official PostgreSQL image does.
 * Setting both is refused: which one would win is a guess an operator should not have to make.
 */
final class EnvironmentSettings {

    static final String FILE_SUFFIX = "_FILE";

    private final Function<String, String> environment;

    EnvironmentSettings(Function<String, String> environment) {
        this.environment = environment;
    }

    static EnvironmentSettings of(Map<String, String> environment) {
        return new EnvironmentSettings(environment::get);
    }

    Optional<String> optional(String name) {
        String value = environment.apply(name);
        String file = environment.apply(name + FILE_SUFFIX);
        if (value != null && file != null) {
            throw new IllegalArgumentException("set " + name + " or " + name + FILE_SUFFIX + ", not both");
        }
        if (file != null) {
            return Optional.of(read(name, Path.of(file)));
        }
        return Optional.ofNullable(value).filter(v -> !v.isEmpty());
    }

    String required(String name) {
        return optional(name).orElseThrow(() -> new IllegalArgumentException(
                name + " (or " + name + FILE_SUFFIX + ") is required"));
    }

    String orDefault(String name, String defaultValue) {
        return optional(name).orElse(defaultValue);
    }

    /** A secret file's content without the trailing newline editors and {@code echo} add. */
    private static String read(String name, Path file) {
        try {
            String content = Files.readString(file).stripTrailing();
            if (content.isEmpty()) {
                throw new IllegalArgumentException(name + FILE_SUFFIX + " names an empty file");
            }
            return content;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + FILE_SUFFIX + " (" + file + ")", e);
        }
    }
}
