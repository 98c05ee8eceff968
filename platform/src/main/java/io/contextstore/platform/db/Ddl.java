package io.contextstore.platform.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** DDL with names and secrets quoted by PostgreSQL's own {@code format()} (%I, %L), never by string concatenation. */
final class Ddl {

    private Ddl() {
    }

    static void execute(Connection connection, String template, String... arguments) throws SQLException {
        StringBuilder call = new StringBuilder("SELECT format(?");
        for (int i = 0; i < arguments.length; i++) {
            call.append(", ?");
        }
        String sql;
        try (PreparedStatement format = connection.prepareStatement(call.append(')').toString())) {
            format.setString(1, template);
            for (int i = 0; i < arguments.length; i++) {
                format.setString(i + 2, arguments[i]);
            }
            try (ResultSet rs = format.executeQuery()) {
                rs.next();
                sql = rs.getString(1);
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
