package io.contextstore.query;

import io.contextstore.platform.db.Database;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;

/**
 * The query API as a unit: its own connection pool (role cs_query, on the replica when one is configured) and its
 * endpoints. Whole applications (its own
 * main class, a test's several services in one context) are not its components.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(QueryProperties.class)
@ComponentScan(excludeFilters = @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = SpringBootConfiguration.class))
public class QueryConfiguration {

    public static final String DATABASE = "queryDatabase";

    @Bean(name = DATABASE, destroyMethod = "close")
    @Qualifier(DATABASE)
    Database queryDatabase(QueryProperties properties) {
        return Database.connect(properties.readDatabase(), "query");
    }
}
