package io.contextstore.platform;

import io.contextstore.platform.auth.AuthProperties;
import io.contextstore.platform.auth.KeyRing;
import io.contextstore.platform.auth.LocalKeyRing;
import io.contextstore.platform.auth.TokenVerifier;
import io.contextstore.platform.crypto.CryptoRandom;
import io.contextstore.platform.crypto.KeyWrapping;
import io.contextstore.platform.crypto.MasterKeyProperties;
import io.contextstore.platform.crypto.SubjectKeys;
import io.contextstore.platform.kafka.TopicDefinitions;
import io.contextstore.platform.kafka.TopicsProperties;
import io.contextstore.platform.web.PlatformWebConfiguration;
import java.time.Clock;
import java.util.UUID;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** The beans every service shares, defined once so the one-process embedded stack holds each only once. */
@AutoConfiguration
@EnableConfigurationProperties({AuthProperties.class, TopicsProperties.class, MasterKeyProperties.class})
@Import(PlatformWebConfiguration.class)
public class PlatformAutoConfiguration {

    private static final String MASTER_KEY_CONFIGURED =
            "'${contextstore.master-key.file:}' != '' or '${contextstore.master-key.value:}' != ''";

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "contextstore.auth", name = "key-directory")
    KeyRing localKeyRing(AuthProperties properties, Clock clock) {
        return LocalKeyRing.load(properties.keyDirectory(), properties.generateKeys(), clock);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(KeyRing.class)
    TokenVerifier tokenVerifier(KeyRing keys, AuthProperties properties, Clock clock) {
        return new TokenVerifier(keys, properties, clock);
    }

    /** Present only with a master key configured (ADR 33); without one nothing is sealed. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnExpression(MASTER_KEY_CONFIGURED)
    KeyWrapping masterKeyRing(MasterKeyProperties properties) {
        return properties.load();
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnExpression(MASTER_KEY_CONFIGURED)
    SubjectKeys subjectKeys(KeyWrapping wrapping) {
        return new SubjectKeys(wrapping, CryptoRandom.keys(), UUID::randomUUID);
    }

    @Bean
    NewTopic contextEventsTopic(TopicsProperties properties) {
        return TopicDefinitions.contextEvents(properties);
    }

    @Bean
    NewTopic deadLetterTopic(TopicsProperties properties) {
        return TopicDefinitions.deadLetters(properties);
    }
}
