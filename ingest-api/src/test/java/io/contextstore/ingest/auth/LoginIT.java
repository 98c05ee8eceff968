package io.contextstore.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.ingest.IngestFixture;
import io.contextstore.platform.tenancy.LicenseKey;
import io.contextstore.platform.tenancy.TenantAdministration.IssuedKey;
import io.contextstore.testing.ApiClient;
import io.contextstore.testing.ApiClient.Response;
import io.contextstore.testing.Tenants.TestTenant;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwk;
import io.jsonwebtoken.security.Jwks;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class LoginIT {

    private final IngestFixture ingest = IngestFixture.shared();
    private final ApiClient api = ingest.client();

    @Test
    void aLicenseKeyBuysAShortLivedTokenThatTheJwksVerifies() {
        TestTenant tenant = ingest.tenants().create("alice");

        Response response = login(tenant.licenseKey());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Cache-Control")).contains("no-store");
        JsonNode body = response.json();
        assertThat(body.get("token_type").stringValue()).isEqualTo("Bearer");
        assertThat(body.get("tenant_id").stringValue()).isEqualTo(tenant.tenantId().toString());
        assertThat(body.get("user_id").stringValue()).isEqualTo("alice");
        assertThat(body.get("expires_in").longValue()).isBetween(1L, 900L);
        Claims claims = verifyWithPublishedKeys(body.get("access_token").stringValue());
        assertThat(claims.getSubject()).isEqualTo("alice");
        assertThat(claims.get("tenant_id", String.class)).isEqualTo(tenant.tenantId().toString());
        assertThat(claims.get("device_id", String.class)).isEqualTo("laptop");
        assertThat(claims.getAudience()).containsExactly("contextstore-api");
        assertThat(claims.getIssuer()).isEqualTo("contextstore");
        assertThat(claims.getId()).isNotBlank();
        assertThat(claims.getNotBefore()).isNotNull();
    }

    @Test
    void unknownRevokedExpiredAndMalformedKeysAllGetTheSame401() {
        TestTenant tenant = ingest.tenants().create("alice");
        ingest.tenants().administration().revokeKey(tenant.tenantId(), tenant.keyId(), Instant.now());
        IssuedKey expired = ingest.tenants().issue(tenant.tenantId(), "alice", "member", Instant.now().minusSeconds(1));

        Response revoked = login(tenant.licenseKey());
        Response expiredKey = login(expired.key().value());
        Response unknown = login(LicenseKey.generate().value());
        Response malformed = login("ctxs_not-a-key");

        for (Response response : new Response[] {revoked, expiredKey, unknown, malformed}) {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().get("detail").stringValue()).isEqualTo("the license key is not valid");
        }
    }

    @Test
    void aLoginBodyWithUnknownFieldsOrNoKeyIsA400() {
        assertThat(api.post("/api/v1/auth/license/", null, "{}").status()).isEqualTo(400);
        Response unknownField = api.post("/api/v1/auth/license/", null,
                ApiClient.json(Map.of("license_key", "x", "tenant_id", "t")));
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.json().get("detail").stringValue()).contains("/tenant_id");
    }

    private Response login(String licenseKey) {
        return api.post("/api/v1/auth/license/", null, ApiClient.json(Map.of("license_key", licenseKey, "device_id", "laptop")));
    }

    private Claims verifyWithPublishedKeys(String token) {
        JsonNode keys = api.get("/.well-known/jwks.json", null).json().get("keys");
        assertThat(keys).isNotEmpty();
        Jwk<?> jwk = Jwks.parser().build().parse(keys.get(0).toString());
        assertThat(jwk.getId()).isNotBlank();
        return Jwts.parser().verifyWith((PublicKey) jwk.toKey()).build().parseSignedClaims(token).getPayload();
    }
}
