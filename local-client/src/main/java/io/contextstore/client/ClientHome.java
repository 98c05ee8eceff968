package io.contextstore.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/** Where one user's local context lives: {@code $CTX_HOME}, or {@code ~/.contextstore}. */
public record ClientHome(Path directory) {

    public static ClientHome fromEnvironment(Map<String, String> environment) {
        String configured = environment.get("CTX_HOME");
        if (configured != null && !configured.isBlank()) {
            return new ClientHome(Path.of(configured));
        }
        return new ClientHome(Path.of(System.getProperty("user.home"), ".contextstore"));
    }

    /** Creates the directory readable by its owner only: it holds the license key and the queue. */
    public ClientHome ensureExists() {
        if (Files.isDirectory(directory)) {
            return this;
        }
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectories(directory,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(directory);
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
    }

    public Path credentials() {
        return directory.resolve("credentials.json");
    }

    public Path syncLock() {
        return directory.resolve("sync.lock");
    }

    /** What the user declared not secret (ADR 31): exact strings, or {@code regex:} lines. */
    public Path redactionAllowlist() {
        return directory.resolve("redaction-allowlist");
    }

    public Path syncLog() {
        return directory.resolve("sync.log");
    }
}
