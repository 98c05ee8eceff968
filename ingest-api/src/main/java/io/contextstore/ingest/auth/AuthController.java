package io.contextstore.ingest.auth;

import io.contextstore.platform.auth.KeyRing;
import io.contextstore.platform.web.JsonBodies;
import io.contextstore.platform.web.JsonFields;
import io.jsonwebtoken.security.Jwks;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Login with a license key, and the public keys that verify the tokens it hands out. */
@RestController
class AuthController {

    private static final long MAX_LOGIN_BODY_BYTES = 4096;
    private static final String DEFAULT_DEVICE = "default";

    private final LicenseLogin login;
    private final KeyRing keys;
    private final JsonBodies bodies = new JsonBodies(MAX_LOGIN_BODY_BYTES);

    AuthController(LicenseLogin login, KeyRing keys) {
        this.login = login;
        this.keys = keys;
    }

    @PostMapping(path = {"/api/v1/auth/license/", "/api/v1/auth/license"}, consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> login(HttpServletRequest request) {
        JsonFields fields = JsonFields.of(bodies.read(request), "");
        String licenseKey = fields.requiredText("license_key", 256);
        String deviceId = fields.optionalIdentifier("device_id");
        fields.rejectUnknownMembers();
        LicenseLogin.Login result = login.login(licenseKey, deviceId == null ? DEFAULT_DEVICE : deviceId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", result.accessToken());
        body.put("token_type", "Bearer");
        body.put("expires_in", result.expiresInSeconds());
        body.put("tenant_id", result.tenantId());
        body.put("user_id", result.userId());
        body.put("device_id", result.deviceId());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }

    @GetMapping(path = "/.well-known/jwks.json", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> jwks() {
        List<Map<String, Object>> published = keys.verificationKeys().values().stream()
                .map(key -> (Map<String, Object>) new LinkedHashMap<String, Object>(
                        Jwks.builder().key(key).idFromThumbprint().publicKeyUse("sig").build()))
                .toList();
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .body(Map.of("keys", published));
    }
}
