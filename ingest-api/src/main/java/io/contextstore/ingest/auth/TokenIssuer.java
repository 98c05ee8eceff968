package io.contextstore.ingest.auth;

import io.contextstore.platform.auth.AccessToken.Role;
import io.contextstore.platform.auth.AuthProperties;
import io.contextstore.platform.auth.KeyRing;
import io.jsonwebtoken.Jwts;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.springframework.util.IdGenerator;

/** Signs short-lived access tokens with the ring's current Ed25519 key, named by {@code kid}. */
final class TokenIssuer {

    record IssuedToken(String compact, Instant expiresAt) {
    }

    private final KeyRing keys;
    private final AuthProperties properties;
    private final Clock clock;
    private final IdGenerator ids;

    TokenIssuer(KeyRing keys, AuthProperties properties, Clock clock, IdGenerator ids) {
        this.keys = keys;
        this.properties = properties;
        this.clock = clock;
        this.ids = ids;
    }

    IssuedToken issue(UUID tenantId, String userId, String deviceId, Role role) {
        KeyRing.SigningKey key = keys.signingKey()
                .orElseThrow(() -> new IllegalStateException("this service has no signing key"));
        Instant now = clock.instant();
        Instant expiresAt = now.plus(properties.tokenTtl());
        String compact = Jwts.builder()
                .header().keyId(key.keyId()).and()
                .issuer(properties.issuer())
                .audience().add(properties.audience()).and()
                .subject(userId)
                .claim("tenant_id", tenantId.toString())
                .claim("device_id", deviceId)
                .claim("role", role.wireName())
                .issuedAt(Date.from(now))
                .notBefore(Date.from(now))
                .expiration(Date.from(expiresAt))
                .id(ids.generateId().toString())
                .signWith(key.privateKey(), Jwts.SIG.EdDSA)
                .compact();
        return new IssuedToken(compact, expiresAt);
    }
}
