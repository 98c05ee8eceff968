package io.contextstore.platform.auth;

import io.jsonwebtoken.security.Jwk;
import io.jsonwebtoken.security.JwkSet;
import io.jsonwebtoken.security.Jwks;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.Key;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public keys of the token issuer, fetched from its JWK Set ({@code /.well-known/jwks.json}), for
 * services that only verify and so never hold the private signing key. Keys are cached; an unknown
 * {@code kid} triggers a new fetch (the issuer may have rotated), at most once per
 * {@code minRefreshInterval}, so tokens with made-up key ids cannot make this service hammer the issuer.
 * The cache is also renewed after {@code maxAge}, which drops retired keys. Every fetch is bounded
 * by short timeouts; when the issuer cannot be reached and no key is known, verification answers
 * 503 rather than 401, so clients retry instead of discarding a good token.
 */
public final class RemoteKeyRing implements KeyRing {

    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);
    public static final Duration MIN_REFRESH_INTERVAL = Duration.ofSeconds(10);
    public static final Duration MAX_AGE = Duration.ofMinutes(5);

    private static final Logger log = LoggerFactory.getLogger(RemoteKeyRing.class);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final URI jwksUri;
    private final HttpClient http;
    private final Duration minRefreshInterval;
    private final Duration maxAge;
    private final Clock clock;

    private volatile Map<String, PublicKey> keys = Map.of();
    private volatile Instant fetchedAt;
    private Instant lastAttempt;

    public RemoteKeyRing(URI jwksUri, Duration minRefreshInterval, Duration maxAge, Clock clock) {
        this.jwksUri = jwksUri;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.minRefreshInterval = minRefreshInterval;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    public static RemoteKeyRing of(URI jwksUri, Clock clock) {
        return new RemoteKeyRing(jwksUri, MIN_REFRESH_INTERVAL, MAX_AGE, clock);
    }

    @Override
    public Map<String, PublicKey> verificationKeys() {
        Instant fetched = fetchedAt;
        if (fetched == null || !clock.instant().isBefore(fetched.plus(maxAge))) {
            refresh(false);
        }
        return keys;
    }

    @Override
    public Optional<PublicKey> verificationKey(String keyId) {
        PublicKey key = verificationKeys().get(keyId);
        if (key == null) {
            refresh(true);
            key = keys.get(keyId);
        }
        if (key == null && fetchedAt == null) {
            throw new KeysUnavailableException("the token issuer's public keys cannot be fetched; retry later",
                    RETRY_AFTER);
        }
        return Optional.ofNullable(key);
    }

    /** Verifying services never sign. */
    @Override
    public Optional<SigningKey> signingKey() {
        return Optional.empty();
    }

    private synchronized void refresh(boolean unknownKey) {
        Instant now = clock.instant();
        if (lastAttempt != null && now.isBefore(lastAttempt.plus(minRefreshInterval))) {
            return; // rate limit: at most one fetch per interval, whatever callers ask
        }
        lastAttempt = now;
        try {
            Map<String, PublicKey> fetched = fetch();
            keys = Map.copyOf(fetched);
            fetchedAt = now;
            log.info("Fetched {} token verification key(s) from {}{}", fetched.size(), jwksUri,
                    unknownKey ? " (a token named an unknown key id)" : "");
        } catch (IOException | RuntimeException e) {
            log.warn("Could not fetch token verification keys from {}: {}", jwksUri, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Map<String, PublicKey> fetch() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(jwksUri).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json").GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode());
        }
        return publicKeys(response.body());
    }

    /** The public keys of a JWK Set by key id; private keys and keys without an id are ignored. */
    static Map<String, PublicKey> publicKeys(String jwkSetJson) {
        JwkSet set = Jwks.setParser().ignoreUnsupported(true).build().parse(jwkSetJson);
        Map<String, PublicKey> result = new LinkedHashMap<>();
        for (Jwk<?> jwk : set) {
            Key key = jwk.toKey();
            if (jwk.getId() != null && key instanceof PublicKey publicKey) {
                result.put(jwk.getId(), publicKey);
            }
        }
        return result;
    }
}
