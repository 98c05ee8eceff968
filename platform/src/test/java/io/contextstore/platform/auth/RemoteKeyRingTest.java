package io.contextstore.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A verify-only service's key ring against a real HTTP server publishing a JWK Set, as the ingest
 * API publishes it: tokens verify with keys the service never held privately, a rotated key is
 * fetched on first sight, and unknown key ids cannot make the service fetch more than once per interval.
 */
class RemoteKeyRingTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final AuthProperties AUTH = new AuthProperties("contextstore", "contextstore-api",
            Duration.ofMinutes(15), Duration.ofSeconds(30), null, false, null);

    private final MutableClock clock = new MutableClock();
    private final List<LocalKeyRing> published = new ArrayList<>();
    private final AtomicInteger fetches = new AtomicInteger();
    private HttpServer issuer;

    @TempDir
    Path keys;

    @AfterEach
    void stopIssuer() {
        if (issuer != null) {
            issuer.stop(0);
        }
    }

    @Test
    void aTokenSignedByTheIssuerVerifiesWithThePublishedPublicKeyAlone() throws IOException {
        LocalKeyRing signer = publishNewKey("a");
        TokenVerifier verifier = new TokenVerifier(remoteRing(), AUTH, clock);

        AccessToken token = verifier.verify(sign(signer));

        assertThat(token.userId()).isEqualTo("alice");
        assertThat(remoteRing().signingKey()).isEmpty();
    }

    @Test
    void aKeyRotatedInAfterTheLastFetchIsFetchedWhenATokenFirstNamesIt() throws IOException {
        publishNewKey("a");
        RemoteKeyRing ring = remoteRing();
        TokenVerifier verifier = new TokenVerifier(ring, AUTH, clock);
        ring.verificationKeys();
        clock.advance(Duration.ofSeconds(11));
        LocalKeyRing rotated = publishNewKey("b");

        assertThat(verifier.verify(sign(rotated)).userId()).isEqualTo("alice");
        assertThat(fetches).hasValue(2);
    }

    @Test
    void unknownKeyIdsMakeTheServiceFetchAtMostOncePerInterval() throws IOException {
        publishNewKey("a");
        RemoteKeyRing ring = remoteRing();
        ring.verificationKeys();
        clock.advance(Duration.ofSeconds(11));

        for (int i = 0; i < 20; i++) {
            assertThat(ring.verificationKey("made-up-" + i)).isEmpty();
        }
        assertThat(fetches).hasValue(2);

        clock.advance(Duration.ofSeconds(11));
        ring.verificationKey("made-up-again");
        assertThat(fetches).hasValue(3);
    }

    @Test
    void whenTheIssuerCannotBeReachedAndNoKeyIsKnownVerificationIsUnavailableNotUnauthorized() throws IOException {
        LocalKeyRing signer = LocalKeyRing.load(keys.resolve("unpublished"), true, clock);
        RemoteKeyRing ring = RemoteKeyRing.of(URI.create("http://127.0.0.1:" + freePort() + "/.well-known/jwks.json"), clock);
        TokenVerifier verifier = new TokenVerifier(ring, AUTH, clock);

        assertThatThrownBy(() -> verifier.verify(sign(signer))).isInstanceOf(KeysUnavailableException.class);
    }

    @Test
    void aTokenSignedWithAKeyTheIssuerDoesNotPublishIsRejected() throws IOException {
        publishNewKey("a");
        LocalKeyRing stranger = LocalKeyRing.load(keys.resolve("stranger"), true, clock);
        TokenVerifier verifier = new TokenVerifier(remoteRing(), AUTH, clock);

        assertThatThrownBy(() -> verifier.verify(sign(stranger))).isInstanceOf(InvalidTokenException.class)
                .hasMessageContaining("unknown key");
    }

    private RemoteKeyRing remoteRing() {
        return new RemoteKeyRing(URI.create("http://127.0.0.1:" + issuer.getAddress().getPort() + "/.well-known/jwks.json"),
                Duration.ofSeconds(10), Duration.ofMinutes(5), clock);
    }

    /** Adds a key to the issuer's JWK Set (starting the issuer on first use) and returns it as the signer. */
    private LocalKeyRing publishNewKey(String name) throws IOException {
        LocalKeyRing ring = LocalKeyRing.load(keys.resolve(name), true, clock);
        published.add(ring);
        if (issuer == null) {
            issuer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            issuer.createContext("/.well-known/jwks.json", exchange -> {
                fetches.incrementAndGet();
                String keySet = published.stream().flatMap(r -> r.verificationKeys().values().stream())
                        .map(key -> Jwks.json(Jwks.builder().key(key).idFromThumbprint().publicKeyUse("sig").build()))
                        .collect(Collectors.joining(",", "{\"keys\":[", "]}"));
                byte[] body = keySet.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            issuer.start();
        }
        return ring;
    }

    private String sign(LocalKeyRing ring) {
        KeyRing.SigningKey key = ring.signingKey().orElseThrow();
        return Jwts.builder().header().keyId(key.keyId()).and()
                .issuer("contextstore").audience().add("contextstore-api").and().subject("alice")
                .claim("tenant_id", UUID.randomUUID().toString()).claim("device_id", "laptop").claim("role", "member")
                .issuedAt(Date.from(clock.instant())).expiration(Date.from(clock.instant().plusSeconds(600)))
                .signWith(key.privateKey(), Jwts.SIG.EdDSA).compact();
    }

    private static int freePort() throws IOException {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static final class MutableClock extends Clock {
        private Instant now = NOW;

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
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
