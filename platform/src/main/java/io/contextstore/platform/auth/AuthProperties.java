package io.contextstore.platform.auth;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token settings shared by the services that issue and verify tokens.
 *
 * @param keyDirectory  where the Ed25519 signing keys live (PEM files; the newest signs, all verify)
 * @param generateKeys  create a first signing key when the directory holds none (embedded stack only)
 * @param jwksUri       for services that only verify: fetch public keys from here instead of a directory
 */
@ConfigurationProperties("contextstore.auth")
public record AuthProperties(
        @DefaultValue("contextstore") String issuer,
        @DefaultValue("contextstore-api") String audience,
        @DefaultValue("15m") Duration tokenTtl,
        @DefaultValue("30s") Duration clockSkew,
        Path keyDirectory,
        @DefaultValue("false") boolean generateKeys,
        URI jwksUri) {
}
