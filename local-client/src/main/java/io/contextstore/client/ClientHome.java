package io.contextstore.client;

import io.contextstore.client.profile.ProfileName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Where one account's local context lives: a profile of the client home {@code root} ({@code $CTX_HOME}, or
 * {@code ~/.contextstore}). The default profile is the root itself, as before there were profiles; another profile
 * {@code acme} is {@code root/profiles/acme}, with the same files (ADR 37).
 */
public record ClientHome(Path root, String profile) {

    /** The default profile of {@code root}. */
    public ClientHome(Path root) {
        this(root, ProfileName.DEFAULT);
    }

    public ClientHome {
        ProfileName.checked(profile, "profile of " + root);
    }

    /** The root of {@code $CTX_HOME} (its default profile). */
    public static ClientHome fromEnvironment(Map<String, String> environment) {
        String configured = environment.get("CTX_HOME");
        if (configured != null && !configured.isBlank()) {
            return new ClientHome(Path.of(configured));
        }
        return new ClientHome(Path.of(System.getProperty("user.home"), ".contextstore"));
    }

    /** The directory of this profile's files: the tiers, the queue, the credentials. */
    public Path directory() {
        return profile.equals(ProfileName.DEFAULT) ? root : root.resolve("profiles").resolve(profile);
    }

    /** What a child {@code ctx} (a background sync) needs to work on this profile and no other, wherever it runs. */
    public Map<String, String> environment() {
        return Map.of("CTX_HOME", root.toString(), "CTX_PROFILE", profile);
    }

    /** Creates the directory readable by its owner only: it holds the license key and the queue. */
    public ClientHome ensureExists() {
        Path directory = directory();
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
        return directory().resolve("credentials.json");
    }

    public Path syncLock() {
        return directory().resolve("sync.lock");
    }

    /** What the user declared not secret (ADR 31): exact strings, or {@code regex:} lines. */
    public Path redactionAllowlist() {
        return directory().resolve("redaction-allowlist");
    }

    public Path syncLog() {
        return directory().resolve("sync.log");
    }
}
