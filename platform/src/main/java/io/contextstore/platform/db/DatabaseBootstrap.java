package io.contextstore.platform.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * What a DBA does once per cluster, done for the embedded stack and the tests as the superuser:
 * an owner role (migrations only) and the database it owns.
 */
public final class DatabaseBootstrap {

    private DatabaseBootstrap() {
    }

    public static void ensureOwnerAndDatabase(String superuserUrl, String superuser, String owner, String ownerPassword,
                                              String database) {
        ensureOwnerAndDatabase(superuserUrl, superuser, "", owner, ownerPassword, database);
    }

    /** The same with the superuser's password, as a deployment's one-shot migrate job runs it. */
    public static void ensureOwnerAndDatabase(String superuserUrl, String superuser, String superuserPassword,
                                              String owner, String ownerPassword, String database) {
        try (Connection connection = DriverManager.getConnection(superuserUrl, superuser, superuserPassword)) {
            if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", owner)) {
                Ddl.execute(connection, "CREATE ROLE %I LOGIN CREATEROLE PASSWORD %L", owner, ownerPassword);
            } else {
                Ddl.execute(connection, "ALTER ROLE %I LOGIN CREATEROLE PASSWORD %L", owner, ownerPassword);
            }
            if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
                Ddl.execute(connection, "CREATE DATABASE %I OWNER %I", database, owner);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the owner role and database: " + e.getMessage(), e);
        }
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        }
    }

}
