package io.contextstore.platform.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the schema (Flyway, as the owner role) and, where a deployment supplies them, turns the
 * service roles into login roles with their passwords.
 */
public final class Migrations {

    private Migrations() {
    }

    public static MigrateResult migrate(String url, String owner, String ownerPassword) {
        return Flyway.configure()
                .dataSource(url, owner, ownerPassword)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }

    /** Sets LOGIN and a password on each given role; run as the owner, which administers them. */
    public static void enableLogins(String url, String owner, String ownerPassword, Map<ServiceRole, String> passwords) {
        try (Connection connection = DriverManager.getConnection(url, owner, ownerPassword)) {
            for (Map.Entry<ServiceRole, String> entry : passwords.entrySet()) {
                Ddl.execute(connection, "ALTER ROLE %I LOGIN PASSWORD %L", entry.getKey().roleName(), entry.getValue());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not enable the service roles' logins: " + e.getMessage(), e);
        }
    }

}
