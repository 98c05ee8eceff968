package io.contextstore.ingest.auth;

import io.contextstore.platform.auth.AccessToken.Role;
import io.contextstore.platform.db.Database;
import io.contextstore.platform.tenancy.LicenseKey;
import io.contextstore.platform.web.ApiProblem;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * License key → access token. Unknown, malformed, revoked and expired keys all get the same 401,
 * so a caller learns nothing about which keys exist.
 */
final class LicenseLogin {

    record Login(String accessToken, long expiresInSeconds, UUID tenantId, String userId, String deviceId) {
    }

    private record KeyRow(UUID tenantId, String userId, String role, Instant expiresAt, Instant revokedAt) {
    }

    private final Database database;
    private final TokenIssuer issuer;
    private final Clock clock;

    LicenseLogin(Database database, TokenIssuer issuer, Clock clock) {
        this.database = database;
        this.issuer = issuer;
        this.clock = clock;
    }

    Login login(String licenseKey, String deviceId) {
        LicenseKey key = LicenseKey.parse(licenseKey).orElseThrow(LicenseLogin::rejected);
        KeyRow row = find(key).filter(this::usable).orElseThrow(LicenseLogin::rejected);
        TokenIssuer.IssuedToken token = issuer.issue(row.tenantId(), row.userId(), deviceId, Role.fromWireName(row.role()));
        long expiresIn = Math.max(0, token.expiresAt().getEpochSecond() - clock.instant().getEpochSecond());
        return new Login(token.compact(), expiresIn, row.tenantId(), row.userId(), deviceId);
    }

    private Optional<KeyRow> find(LicenseKey key) {
        return database.withSetting("app.license_key_hash", key.hash(), jdbc -> jdbc.sql("""
                        SELECT tenant_id, user_id, role, expires_at, revoked_at FROM license_keys WHERE key_hash = ?""")
                .param(key.hash())
                .query((rs, n) -> new KeyRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        instant(rs.getTimestamp(4)), instant(rs.getTimestamp(5))))
                .optional());
    }

    private boolean usable(KeyRow row) {
        Instant now = clock.instant();
        return row.revokedAt() == null && (row.expiresAt() == null || row.expiresAt().isAfter(now));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static ApiProblem rejected() {
        return ApiProblem.unauthorized("the license key is not valid");
    }
}
