package io.contextstore.projector;

import io.contextstore.platform.db.DatabaseSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings of the projector ({@code contextstore.projector.*}). */
@ConfigurationProperties("contextstore.projector")
public record ProjectorProperties(DatabaseSettings database) {
}
