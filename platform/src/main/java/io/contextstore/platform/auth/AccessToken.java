package io.contextstore.platform.auth;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * A verified bearer token: the only source of tenant, user and device for any request.
 */
public record AccessToken(UUID tenantId, String userId, String deviceId, Role role, String tokenId, Instant expiresAt) {

    public enum Role {
        MEMBER, AUDITOR, ADMIN;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Role fromWireName(String name) {
            return Role.valueOf(name.toUpperCase(Locale.ROOT));
        }
    }
}
