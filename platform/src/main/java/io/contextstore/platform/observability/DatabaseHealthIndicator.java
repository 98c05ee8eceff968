package io.contextstore.platform.observability;

import io.contextstore.platform.db.Database;
import java.sql.Connection;
import java.sql.SQLException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Whether this service's own pool (its own role) can reach PostgreSQL now. Bounded by the pool's
 * connection timeout (seconds), so a probe never hangs; reports no URL or user, only the outcome.
 */
final class DatabaseHealthIndicator implements HealthIndicator {

    private static final int VALIDATION_SECONDS = 2;

    private final Database database;

    DatabaseHealthIndicator(Database database) {
        this.database = database;
    }

    @Override
    public Health health() {
        try (Connection connection = database.dataSource().getConnection()) {
            return connection.isValid(VALIDATION_SECONDS) ? Health.up().build()
                    : Health.down().withDetail("error", "connection is not valid").build();
        } catch (SQLException | RuntimeException e) {
            return Health.down().withDetail("error", e.getClass().getSimpleName()).build();
        }
    }
}
