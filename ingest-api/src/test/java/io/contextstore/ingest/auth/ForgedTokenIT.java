package io.contextstore.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.ingest.IngestFixture;
import io.contextstore.platform.auth.KeyRing;
import io.contextstore.platform.auth.LocalKeyRing;
import io.contextstore.testing.ApiClient;
import io.contextstore.testing.ApiClient.Response;
import io.contextstore.testing.Tenants.TestTenant;
import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tokens that must not get in: each one differs from a valid token in exactly one way. */
class ForgedTokenIT {

    private final IngestFixture ingest = IngestFixture.shared();
    private final ApiClient api = ingest.client();
    private KeyRing.SigningKey realKey;
    private TestTenant tenant;

    @BeforeEach
    void setUp() {
        tenant = ingest.tenants().create("mallory");
        realKey = LocalKeyRing.load(ingest.keyDirectory(), false, Clock.systemUTC()).signingKey().orElseThrow();
    }

    @Test
    void aCorrectlyBuiltTokenIsAccepted() {
        assertThat(push(valid().signWith(realKey.privateKey(), Jwts.SIG.EdDSA).compact()).status()).isEqualTo(201);
    }

    @Test
    void aTokenSignedByAnotherKeyIsRejected() {
        KeyPair other = Jwks.CRV.Ed25519.keyPair().build();
        assertRejected(valid().signWith(other.getPrivate(), Jwts.SIG.EdDSA).compact());
    }

    @Test
    void aTokenSignedByAnotherKeyClaimingOurKeyIdIsRejected() {
        KeyPair other = Jwks.CRV.Ed25519.keyPair().build();
        assertRejected(valid().header().keyId(realKey.keyId()).and().signWith(other.getPrivate(), Jwts.SIG.EdDSA).compact());
    }

    @Test
    void anExpiredTokenIsRejected() {
        Instant past = Instant.now().minusSeconds(3600);
        assertRejected(valid().issuedAt(Date.from(past)).notBefore(Date.from(past))
                .expiration(Date.from(past.plusSeconds(60))).signWith(realKey.privateKey(), Jwts.SIG.EdDSA).compact());
    }

    @Test
    void aTokenWithoutExpiryIsRejected() {
        assertRejected(valid().expiration(null).signWith(realKey.privateKey(), Jwts.SIG.EdDSA).compact());
    }

    @Test
    void anUnsignedTokenIsRejected() {
        String header = base64Url("{\"alg\":\"none\",\"kid\":\"" + realKey.keyId() + "\"}");
        String body = base64Url(ApiClient.json(Map.of("iss", "contextstore", "aud", "contextstore-api", "sub", "mallory",
                "tenant_id", tenant.tenantId().toString(), "device_id", "d", "role", "member",
                "exp", Instant.now().plusSeconds(600).getEpochSecond())));
        assertRejected(header + "." + body + ".");
    }

    @Test
    void anHmacTokenKeyedWithOurPublicKeyIsRejected() {
        byte[] publicKeyBytes = LocalKeyRing.load(ingest.keyDirectory(), false, Clock.systemUTC())
                .verificationKeys().get(realKey.keyId()).getEncoded();
        byte[] secret = java.util.Arrays.copyOf(publicKeyBytes, 64);
        assertRejected(valid().signWith(new SecretKeySpec(secret, "HmacSHA256"), Jwts.SIG.HS256).compact());
    }

    @Test
    void aTokenForAnotherAudienceIsRejected() {
        assertRejected(valid().audience().single("someone-else").signWith(realKey.privateKey(), Jwts.SIG.EdDSA).compact());
    }

    @Test
    void aTokenFromAnotherIssuerIsRejected() {
        assertRejected(valid().issuer("evil").signWith(realKey.privateKey(), Jwts.SIG.EdDSA).compact());
    }

    @Test
    void aTokenNotValidYetIsRejected() {
        assertRejected(valid().notBefore(Date.from(Instant.now().plusSeconds(3600)))
                .signWith(realKey.privateKey(), Jwts.SIG.EdDSA).compact());
    }

    @Test
    void aMissingOrGarbledBearerIsRejected() {
        assertRejected(null);
        assertRejected("garbage");
        assertRejected("a.b.c");
    }

    private JwtBuilder valid() {
        Instant now = Instant.now();
        return Jwts.builder()
                .header().keyId(realKey.keyId()).and()
                .issuer("contextstore")
                .audience().add("contextstore-api").and()
                .subject("mallory")
                .claim("tenant_id", tenant.tenantId().toString())
                .claim("device_id", "forge")
                .claim("role", "member")
                .issuedAt(Date.from(now))
                .notBefore(Date.from(now))
                .expiration(Date.from(now.plusSeconds(600)))
                .id(UUID.randomUUID().toString());
    }

    private Response push(String token) {
        return api.post("/api/v1/context/push", token, ApiClient.json(Map.of("kind", "decision", "title",
                "forged " + UUID.randomUUID(), "decision", "d")));
    }

    private void assertRejected(String token) {
        int before = ingest.topic().eventsOf(tenant.tenantId()).size();
        Response response = push(token);
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(ingest.topic().eventsOf(tenant.tenantId())).hasSize(before);
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

}
