package io.contextstore.client.auth;

import io.contextstore.client.OwnerOnlyFiles;
import io.contextstore.client.json.Json;
import io.contextstore.client.json.JsonException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The credentials file. It holds a license key, so it is created readable and writable by its owner
 * only (0600) before anything is written into it, and replaced atomically so a crash never leaves
 * half a file.
 */
public final class CredentialStore {

    private final Path file;

    public CredentialStore(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public Optional<Credentials> load() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Credentials.fromJson(Json.parseObject(Files.readString(file, StandardCharsets.UTF_8))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (JsonException | IllegalArgumentException e) {
            throw new IllegalStateException(file + " is damaged (" + e.getMessage() + "): run ctx login again", e);
        }
    }

    public void save(Credentials credentials) {
        OwnerOnlyFiles.replace(file, Json.write(credentials.toJson()));
    }
}
