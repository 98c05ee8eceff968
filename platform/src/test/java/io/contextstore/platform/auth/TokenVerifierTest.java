package io.contextstore.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TokenVerifierTest {

    private static final Instant ISSUED = Instant.parse("2026-11-25T10:00:00Z");

    private final KeyPair pair = Jwks.CRV.Ed25519.keyPair().build();
    private final MovableClock clock = new MovableClock(ISSUED);
    private final TokenVerifier verifier = new TokenVerifier(ring(), properties(), clock);

    @Test
    void aRememberedTokenIsStillRejectedOnceItHasExpired() {
        String token = token(Duration.ofMinutes(15));
        assertThat(verifier.verify(token).userId()).isEqualTo("alice");
        clock.now = ISSUED.plus(Duration.ofMinutes(14));
        assertThat(verifier.verify(token).userId()).isEqualTo("alice");

        clock.now = ISSUED.plus(Duration.ofMinutes(16));

        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void aTokenThatFailedVerificationIsNotRemembered() {
        String expired = token(Duration.ofMinutes(-5));

        assertThatThrownBy(() -> verifier.verify(expired)).isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> verifier.verify(expired)).isInstanceOf(InvalidTokenException.class);
    }

    private String token(Duration lifetime) {
        return Jwts.builder().header().keyId("k1").and()
                .issuer("contextstore").audience().add("contextstore-api").and().subject("alice")
                .claim("tenant_id", UUID.randomUUID().toString()).claim("device_id", "d").claim("role", "member")
                .issuedAt(Date.from(clock.now)).notBefore(Date.from(clock.now.minusSeconds(60)))
                .expiration(Date.from(clock.now.plus(lifetime)))
                .signWith(pair.getPrivate(), Jwts.SIG.EdDSA).compact();
    }

    private KeyRing ring() {
        return new KeyRing() {
            @Override
            public Map<String, PublicKey> verificationKeys() {
                return Map.of("k1", pair.getPublic());
            }

            @Override
            public Optional<SigningKey> signingKey() {
                return Optional.empty();
            }
        };
    }

    private static AuthProperties properties() {
        return new AuthProperties("contextstore", "contextstore-api", Duration.ofMinutes(15), Duration.ofSeconds(30),
                null, false, null);
    }

    private static final class MovableClock extends Clock {
        Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
