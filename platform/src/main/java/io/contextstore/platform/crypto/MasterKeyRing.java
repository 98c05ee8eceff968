package io.contextstore.platform.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.crypto.SecretKey;

/**
 * Master keys from a file (or one from the environment): one key a line, {@code <id> <base64 of 32 bytes>},
 * {@code #} comments; the first line is the current key, which wraps; every line unwraps. Rotation
 * (ADR 33) puts a new key first, re-wraps every data key, then the old line can go. A ring read from a
 * file reads it again when asked for a key id it does not know, so services follow a rotation without a
 * restart.
 */
public final class MasterKeyRing implements KeyWrapping {

    private final Path file;
    private final Supplier<byte[]> nonces;
    private volatile Map<String, SecretKey> keys;
    private volatile String current;
    private volatile Object loadedVersion;

    private MasterKeyRing(Path file, String text, Supplier<byte[]> nonces) {
        this.file = file;
        this.nonces = nonces;
        load(text);
    }

    /** @param nonces 12 random bytes a call (a SecureRandom in production; injected so tests control it) */
    public static MasterKeyRing fromFile(Path file, Supplier<byte[]> nonces) {
        return new MasterKeyRing(file, read(file), nonces);
    }

    /** One key given inline as {@code <id> <base64>} (an environment variable), or several lines. */
    public static MasterKeyRing fromText(String text, Supplier<byte[]> nonces) {
        return new MasterKeyRing(null, text, nonces);
    }

    /** A key line for a new master key with this id and these 32 random bytes. */
    public static String keyLine(String id, byte[] material) {
        Aead.key(material);
        if (!id.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("a master key id is 1-64 letters, digits, '.', '_' or '-'");
        }
        return id + " " + Base64.getEncoder().encodeToString(material);
    }

    /**
     * Writes {@code keyLine} first in {@code file} (created if missing), readable and writable by the
     * owner only, keeping the lines already there: the new key becomes current, the others still unwrap.
     */
    public static void prepend(Path file, String keyLine) {
        try {
            String existing = Files.exists(file) ? Files.readString(file) : "";
            Path temporary = file.resolveSibling(file.getFileName() + ".new");
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.deleteIfExists(temporary);
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temporary, keyLine + "\n" + existing);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the master key file " + file, e);
        }
    }

    /**
     * Creates {@code file} with one new master key, owner-only, unless it exists (the embedded stack's
     * key, under its data directory). Returns the file.
     */
    public static Path generateIfMissing(Path file, Supplier<byte[]> random) {
        if (!Files.exists(file)) {
            prepend(file, newKeyLine(random));
        }
        return file;
    }

    /** A key line with a fresh id and key from {@code random} (32 bytes a call). */
    public static String newKeyLine(Supplier<byte[]> random) {
        byte[] id = random.get();
        return keyLine("mk-" + java.util.HexFormat.of().formatHex(id, 0, 6), random.get());
    }

    @Override
    public String currentKeyId() {
        return current;
    }

    /** Every master key id held, the current one first. */
    public List<String> keyIds() {
        return new ArrayList<>(keys.keySet());
    }

    @Override
    public WrappedKey wrap(byte[] dataKey, byte[] context) {
        reloadIfChanged(); // a rotation made another key current: wrap with it from now on
        String id = current;
        return new WrappedKey(id, Aead.seal(keys.get(id), nonces.get(), context, dataKey));
    }

    @Override
    public byte[] unwrap(WrappedKey wrapped, byte[] context) {
        SecretKey key = keys.get(wrapped.masterKeyId());
        if (key == null && file != null) {
            load(read(file));
            key = keys.get(wrapped.masterKeyId());
        }
        if (key == null) {
            throw new MasterKeyUnavailableException("master key " + wrapped.masterKeyId() + " is not in the key ring");
        }
        try {
            return Aead.open(key, context, wrapped.bytes(), 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a wrapped data key does not unwrap under master key "
                    + wrapped.masterKeyId() + ": it was altered or moved to another row");
        }
    }

    private void reloadIfChanged() {
        if (file != null && !version(file).equals(loadedVersion)) {
            load(read(file));
        }
    }

    /**
     * Keeps only the line of {@code keepId} in {@code file}: after a rotation re-wrapped every data key under it,
     * the older master keys unwrap nothing any more.
     */
    public static void retireAllBut(Path file, String keepId) {
        String kept = read(file).lines().filter(line -> line.trim().startsWith(keepId + " ")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("master key " + keepId + " is not in " + file));
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        prepend(file, kept);
    }

    private synchronized void load(String text) {
        Map<String, SecretKey> parsed = new LinkedHashMap<>();
        String first = null;
        for (String line : text.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList()) {
            String[] parts = line.split("[\\s:]+", 2);
            if (parts.length != 2) {
                throw new IllegalArgumentException("a master key line is '<id> <base64 of 32 bytes>'");
            }
            byte[] material;
            try {
                material = Base64.getDecoder().decode(parts[1]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("master key " + parts[0] + " is not base64");
            }
            parsed.putIfAbsent(parts[0], Aead.key(material));
            first = first == null ? parts[0] : first;
        }
        if (first == null) {
            throw new IllegalArgumentException("no master key given");
        }
        keys = parsed;
        current = first;
        loadedVersion = file == null ? null : version(file);
    }

    /** What tells a rewritten file apart: its inode (a rotation moves a new file in), time and size. */
    private static Object version(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return java.util.Arrays.asList(attributes.fileKey(), attributes.lastModifiedTime(), attributes.size());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the master key file " + file, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the master key file " + file, e);
        }
    }
}
