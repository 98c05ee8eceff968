package io.contextstore.client.auth;

import io.contextstore.client.http.ContextApi;
import io.contextstore.client.http.HttpAnswer;
import io.contextstore.client.http.ServerUnavailable;
import io.contextstore.client.json.Json;
import io.contextstore.client.json.JsonException;
import io.contextstore.client.json.JsonValues;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The access token of a logged-in client. Tokens are short-lived; {@link #refresh()} logs in again
 * with the stored license key, which is what a 401 on a push or pull calls for (once).
 */
public final class Session {

    private static final Duration EARLY_RENEWAL = Duration.ofSeconds(30);

    private final CredentialStore store;
    private final ContextApi api;
    private final Clock clock;
    private Credentials credentials;

    public Session(CredentialStore store, Credentials credentials, ContextApi api, Clock clock) {
        this.store = store;
        this.credentials = credentials;
        this.api = api;
        this.clock = clock;
    }

    public Credentials credentials() {
        return credentials;
    }

    public ContextApi api() {
        return api;
    }

    /** A token that is not about to expire, logging in again if needed. */
    public String token() {
        Instant expires = credentials.tokenExpiresAt();
        if (credentials.accessToken() == null || expires == null || clock.instant().plus(EARLY_RENEWAL).isAfter(expires)) {
            return refresh();
        }
        return credentials.accessToken();
    }

    public String refresh() {
        credentials = login(api, credentials.licenseKey(), credentials.deviceId(), clock);
        store.save(credentials);
        return credentials.accessToken();
    }

    /** License key to token. A refused key is {@link AuthenticationFailed}; an unreachable server {@link ServerUnavailable}. */
    public static Credentials login(ContextApi api, String licenseKey, String deviceId, Clock clock) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("license_key", licenseKey);
        body.put("device_id", deviceId);
        Instant asked = clock.instant();
        HttpAnswer answer = api.post("/api/v1/auth/license/", null, Json.write(body));
        if (answer.status() == 429 || answer.status() >= 500) {
            throw new ServerUnavailable("login: " + answer.problem().describe(), null);
        }
        if (!answer.successful()) {
            throw new AuthenticationFailed("login refused: " + answer.problem().describe());
        }
        try {
            Map<String, Object> json = Json.parseObject(answer.body());
            long expiresIn = JsonValues.requiredInteger(json, "expires_in");
            return new Credentials(api.baseUrl(), licenseKey, JsonValues.requiredText(json, "device_id"),
                    JsonValues.requiredText(json, "tenant_id"), JsonValues.requiredText(json, "user_id"),
                    JsonValues.requiredText(json, "access_token"), asked.plusSeconds(expiresIn));
        } catch (JsonException e) {
            throw new ServerUnavailable("login: unexpected answer from the server (" + e.getMessage() + ")", e);
        }
    }
}
