package io.contextstore.ingest.auth;

import io.contextstore.ingest.IngestConfiguration;
import io.contextstore.platform.auth.AuthProperties;
import io.contextstore.platform.auth.KeyRing;
import io.contextstore.platform.db.Database;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.IdGenerator;
import org.springframework.util.JdkIdGenerator;

@Configuration(proxyBeanMethods = false)
class AuthConfiguration {

    @Bean
    LicenseLogin licenseLogin(@Qualifier(IngestConfiguration.DATABASE) Database database, KeyRing keys,
                              AuthProperties properties, Clock clock) {
        IdGenerator tokenIds = new JdkIdGenerator();
        return new LicenseLogin(database, new TokenIssuer(keys, properties, clock, tokenIds), clock);
    }
}
