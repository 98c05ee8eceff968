package io.contextstore.platform.auth;

import io.jsonwebtoken.security.Jwks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Ed25519 keys in a directory, one PEM file each (private and public key). Files sort by name; the
 * last one signs, every one verifies. Rotation: add a key, restart, retire the old file once no
 * token signed with it can still be valid.
 */
public final class LocalKeyRing implements KeyRing {

    private static final Pattern PEM = Pattern.compile("-----BEGIN (PRIVATE|PUBLIC) KEY-----([^-]+)-----END \\1 KEY-----");
    private static final DateTimeFormatter FILE_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private final Map<String, PublicKey> verificationKeys;
    private final SigningKey signingKey;

    private LocalKeyRing(Map<String, PublicKey> verificationKeys, SigningKey signingKey) {
        this.verificationKeys = Map.copyOf(verificationKeys);
        this.signingKey = signingKey;
    }

    public static LocalKeyRing load(Path directory, boolean generateIfEmpty, Clock clock) {
        try {
            List<Path> files = pemFiles(directory);
            if (files.isEmpty() && generateIfEmpty) {
                addKey(directory, clock);
                files = pemFiles(directory);
            }
            if (files.isEmpty()) {
                throw new IllegalStateException("no signing keys in " + directory);
            }
            Map<String, PublicKey> keys = new LinkedHashMap<>();
            SigningKey newest = null;
            for (Path file : files) {
                KeyPair pair = read(file);
                String keyId = keyId(pair.getPublic());
                keys.put(keyId, pair.getPublic());
                newest = new SigningKey(keyId, pair.getPrivate());
            }
            return new LocalKeyRing(keys, newest);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read signing keys in " + directory, e);
        }
    }

    /** Generates a new Ed25519 key; it signs from the next start on. Returns its file. */
    public static Path addKey(Path directory, Clock clock) throws IOException {
        Files.createDirectories(directory);
        KeyPair pair = Jwks.CRV.Ed25519.keyPair().build();
        String pem = pem("PRIVATE", pair.getPrivate().getEncoded()) + pem("PUBLIC", pair.getPublic().getEncoded());
        String stamp = FILE_STAMP.format(clock.instant().atZone(java.time.ZoneOffset.UTC));
        Path file = directory.resolve("signing-key-" + stamp + ".pem");
        Files.writeString(file, pem);
        if (Files.getFileAttributeView(file, java.nio.file.attribute.PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        return file;
    }

    /** RFC 7638 thumbprint of the public key, so a key's id never depends on where it is stored. */
    static String keyId(PublicKey key) {
        return Jwks.builder().key(key).idFromThumbprint().build().getId();
    }

    @Override
    public Map<String, PublicKey> verificationKeys() {
        return verificationKeys;
    }

    @Override
    public Optional<SigningKey> signingKey() {
        return Optional.of(signingKey);
    }

    private static List<Path> pemFiles(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".pem")).sorted().toList();
        }
    }

    private static KeyPair read(Path file) throws IOException {
        Matcher matcher = PEM.matcher(Files.readString(file));
        byte[] privateKey = null;
        byte[] publicKey = null;
        while (matcher.find()) {
            byte[] der = Base64.getMimeDecoder().decode(matcher.group(2).trim());
            if (matcher.group(1).equals("PRIVATE")) {
                privateKey = der;
            } else {
                publicKey = der;
            }
        }
        if (privateKey == null || publicKey == null) {
            throw new IllegalStateException(file + " must hold a PRIVATE KEY and a PUBLIC KEY block");
        }
        try {
            KeyFactory factory = KeyFactory.getInstance("Ed25519");
            PrivateKey priv = factory.generatePrivate(new PKCS8EncodedKeySpec(privateKey));
            PublicKey pub = factory.generatePublic(new X509EncodedKeySpec(publicKey));
            return new KeyPair(pub, priv);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(file + " does not hold an Ed25519 key pair", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + " KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + " KEY-----\n";
    }
}
