package io.contextstore.platform.crypto;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the master key comes from ({@code contextstore.master-key.*}, ADR 33): a file (production: a
 * secret file; the embedded stack generates one under its data directory, owner-only), or the key inline.
 * With neither, nothing is sealed: events are written and read in the clear, as before release 3.
 *
 * @param file  a key ring file: lines {@code <id> <base64 of 32 bytes>}, the first wraps, all unwrap
 * @param value the same text inline (e.g. from a secret-holding environment variable)
 */
@ConfigurationProperties("contextstore.master-key")
public record MasterKeyProperties(Path file, String value) {

    public boolean configured() {
        return file != null || (value != null && !value.isBlank());
    }

    public MasterKeyRing load() {
        return file != null ? MasterKeyRing.fromFile(file, CryptoRandom.nonces())
                : MasterKeyRing.fromText(value, CryptoRandom.nonces());
    }
}
