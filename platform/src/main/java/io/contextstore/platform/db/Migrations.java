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

    /**
     * Creates (or updates) a complete copy of the schema under another name, for rebuilding the read
     * model beside the live one. The service roles get the same grants there.
     */
    public static MigrateResult migrateSchema(String url, String owner, String ownerPassword, String schema) {
        MigrateResult result = Flyway.configure()
                .dataSource(url, owner, ownerPassword)
                .locations("classpath:db/migration")
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(true)
                .load()
                .migrate();
        try (Connection connection = DriverManager.getConnection(url, owner, ownerPassword)) {
            for (ServiceRole role : ServiceRole.values()) {
                Ddl.execute(connection, "GRANT USAGE ON SCHEMA %I TO %I", schema, role.roleName());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not grant the service roles access to " + schema, e);
        }
        return result;
    }

    /** Drops a rebuild schema and everything in it. */
    public static void dropSchema(String url, String owner, String ownerPassword, String schema) {
        try (Connection connection = DriverManager.getConnection(url, owner, ownerPassword)) {
            Ddl.execute(connection, "DROP SCHEMA IF EXISTS %I CASCADE", schema);
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop " + schema, e);
        }
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
