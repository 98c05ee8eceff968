package io.contextstore.ingest;

import io.contextstore.platform.db.Database;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The ingest API as a unit: its own connection pool (role cs_ingest) and its features. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IngestProperties.class)
@ComponentScan(excludeFilters = @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = SpringBootApplication.class))
public class IngestConfiguration {

    public static final String DATABASE = "ingestDatabase";

    @Bean(name = DATABASE, destroyMethod = "close")
    @Qualifier(DATABASE)
    Database ingestDatabase(IngestProperties properties) {
        return Database.connect(properties.database(), "ingest");
    }
}
