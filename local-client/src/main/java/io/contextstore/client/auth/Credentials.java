package io.contextstore.client.auth;

import io.contextstore.client.json.JsonValues;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What login leaves behind: the server, the license key (kept so an expired token can be renewed
 * without asking the user), the identity the server confirmed and the current access token.
 */
public record Credentials(String server, String licenseKey, String deviceId, String tenantId, String userId,
                          String accessToken, Instant tokenExpiresAt) {

    public Credentials withToken(String token, Instant expiresAt) {
        return new Credentials(server, licenseKey, deviceId, tenantId, userId, token, expiresAt);
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("server", server);
        json.put("license_key", licenseKey);
        json.put("device_id", deviceId);
        json.put("tenant_id", tenantId);
        json.put("user_id", userId);
        json.put("access_token", accessToken);
        json.put("token_expires_at", tokenExpiresAt == null ? null : tokenExpiresAt.toString());
        return json;
    }

    static Credentials fromJson(Map<String, Object> json) {
        String expires = JsonValues.text(json, "token_expires_at");
        return new Credentials(JsonValues.requiredText(json, "server"), JsonValues.requiredText(json, "license_key"),
                JsonValues.requiredText(json, "device_id"), JsonValues.text(json, "tenant_id"),
                JsonValues.text(json, "user_id"), JsonValues.text(json, "access_token"),
                expires == null ? null : Instant.parse(expires));
    }
}
