package io.contextstore.platform.auth;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Header;
import io.jsonwebtoken.JwsHeader;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.LocatorAdapter;
import java.security.Key;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.UUID;

/**
 * Verifies bearer tokens: EdDSA signature by a key of the ring (by {@code kid}), issuer, audience,
 * expiry (required), not-before. Unsigned tokens, other algorithms (HMAC included: no key confusion)
 * and unknown key ids are rejected.
 */
public final class TokenVerifier {

    public static final String ALGORITHM = "EdDSA";

    private final JwtParser parser;

    private static final int REMEMBERED_TOKENS = 10_000;

    private final Cache<String, AccessToken> verified = Caffeine.newBuilder()
            .maximumSize(REMEMBERED_TOKENS)
            .expireAfterWrite(Duration.ofMinutes(30))
            .build();
    private final Clock clock;
    private final Duration clockSkew;

    public TokenVerifier(KeyRing keys, AuthProperties properties, Clock clock) {
        this.clock = clock;
        this.clockSkew = properties.clockSkew();
        this.parser = Jwts.parser()
                .keyLocator(new LocatorAdapter<Key>() {
                    @Override
                    protected Key locate(JwsHeader header) {
                        if (!ALGORITHM.equals(header.getAlgorithm())) {
                            throw new InvalidTokenException("token algorithm must be " + ALGORITHM);
                        }
                        Key key = header.getKeyId() == null ? null : keys.verificationKey(header.getKeyId()).orElse(null);
                        if (key == null) {
                            throw new InvalidTokenException("token is signed with an unknown key");
                        }
                        return key;
                    }

                    @Override
                    protected Key doLocate(Header header) {
                        throw new InvalidTokenException("token is not signed");
                    }
                })
                .requireIssuer(properties.issuer())
                .requireAudience(properties.audience())
                .clockSkewSeconds(properties.clockSkew().toSeconds())
                .clock(() -> Date.from(clock.instant()))
                .build();
    }

    /**
     * Verifying an Ed25519 signature costs about a millisecond of CPU on the JDK's implementation, and a
     * client sends the same token with every request for its 15 minutes: a token that verified once is
     * remembered until it expires. Expiry is checked again on every use, with the injected clock.
     */
    public AccessToken verify(String compactToken) {
        AccessToken remembered = verified.getIfPresent(compactToken);
        if (remembered != null) {
            if (clock.instant().isBefore(remembered.expiresAt().plus(clockSkew))) {
                return remembered;
            }
            verified.invalidate(compactToken);
        }
        AccessToken token = parse(compactToken);
        verified.put(compactToken, token);
        return token;
    }

    private AccessToken parse(String compactToken) {
        Claims claims;
        try {
            claims = parser.parseSignedClaims(compactToken).getPayload();
        } catch (InvalidTokenException e) {
            throw e;
        } catch (JwtException | IllegalArgumentException e) {
            throw new InvalidTokenException("token rejected: " + e.getClass().getSimpleName(), e);
        }
        if (claims.getExpiration() == null) {
            throw new InvalidTokenException("token has no expiry");
        }
        try {
            return new AccessToken(
                    UUID.fromString(required(claims, "tenant_id")),
                    required(claims, Claims.SUBJECT),
                    required(claims, "device_id"),
                    AccessToken.Role.fromWireName(required(claims, "role")),
                    claims.getId(),
                    claims.getExpiration().toInstant());
        } catch (IllegalArgumentException e) {
            throw new InvalidTokenException("token claims are malformed", e);
        }
    }

    private static String required(Claims claims, String name) {
        Object value = claims.get(name);
        if (!(value instanceof String text) || text.isBlank()) {
            throw new InvalidTokenException("token lacks the " + name + " claim");
        }
        return text;
    }
}
