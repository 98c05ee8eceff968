package io.contextstore.platform.auth;

import io.contextstore.platform.PlatformAutoConfiguration;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * A verify-only service ({@code contextstore.auth.jwks-uri} set, no {@code key-directory}) gets its
 * keys from the issuer's JWK Set. Runs before the platform's configuration, whose token verifier
 * needs a key ring to exist; a key directory, when also given, wins.
 */
@AutoConfiguration(before = PlatformAutoConfiguration.class)
@EnableConfigurationProperties(AuthProperties.class)
@ConditionalOnProperty(prefix = "contextstore.auth", name = "jwks-uri")
@ConditionalOnExpression("'${contextstore.auth.key-directory:}'.isEmpty()")
public class RemoteKeyRingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    KeyRing remoteKeyRing(AuthProperties properties, ObjectProvider<Clock> clock) {
        return RemoteKeyRing.of(properties.jwksUri(), clock.getIfAvailable(Clock::systemUTC));
    }
}
