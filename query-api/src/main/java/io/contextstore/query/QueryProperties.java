package io.contextstore.query;

import io.contextstore.platform.db.DatabaseSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings of the query API ({@code contextstore.query.*}). */
@ConfigurationProperties("contextstore.query")
public record QueryProperties(DatabaseSettings database) {
}
