package io.contextstore.testing;

import io.contextstore.platform.db.DatabaseSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The plan PostgreSQL makes for a statement of ours, for tests that keep a read's plan: the statement is prepared as the
 * driver prepares it and explained with its parameters, in a transaction set up as the service's would be.
 */
public final class Plans {

    /** Which plan: the one made for the parameters' values, or the generic one kept once a statement is prepared. */
    public enum Mode {
        CUSTOM("force_custom_plan"), GENERIC("force_generic_plan");

        private final String setting;

        Mode(String setting) {
            this.setting = setting;
        }
    }

    private Plans() {
    }

    /** A tenant's transaction, as a service sets it for row-level security. */
    public static String asTenant(UUID tenant) {
        return "SELECT set_config('app.tenant_id', '" + tenant + "', true)";
    }

    /** A member's transaction in the query API: the tenant, the user, the role. */
    public static String asMember(UUID tenant, String user) {
        return asTenant(tenant) + ", set_config('app.user_id', '" + user + "', true), set_config('app.role', 'member', true)";
    }

    /**
     * The plan of {@code sql} with {@code params} in {@code mode}, in a transaction of its own as {@code role}, after the
     * statements that set it up ({@link #asTenant}, {@link #asMember}, a setting of the read's own); rolled back.
     */
    public static String explain(DatabaseSettings role, List<String> setUp, Mode mode, String sql, List<?> params)
            throws SQLException {
        try (Connection c = DriverManager.getConnection(role.url(), role.username(), role.password());
             Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (String statement : setUp) {
                s.execute(statement);
            }
            String plan = explain(c, mode, sql, params);
            c.rollback();
            return plan;
        }
    }

    /** {@code EXPLAIN} of {@code sql} (JDBC placeholders) with {@code params}, each sent as a literal, in {@code mode}. */
    private static String explain(Connection connection, Mode mode, String sql, List<?> params) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("SET LOCAL plan_cache_mode = " + mode.setting);
            s.execute("PREPARE explained AS " + numbered(sql));
            String args = params.stream().map(p -> p == null ? "NULL" : "'" + p.toString().replace("'", "''") + "'")
                    .collect(Collectors.joining(", "));
            StringBuilder plan = new StringBuilder();
            try (ResultSet rows = s.executeQuery("EXPLAIN EXECUTE explained" + (args.isEmpty() ? "" : "(" + args + ")"))) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            }
            s.execute("DEALLOCATE explained");
            return plan.toString();
        }
    }

    /** The statement with its JDBC placeholders numbered ($1, $2, …) as PREPARE takes them; quoted text is kept. */
    private static String numbered(String sql) {
        StringBuilder out = new StringBuilder();
        boolean quoted = false;
        int n = 0;
        for (char ch : sql.toCharArray()) {
            if (ch == '\'') {
                quoted = !quoted;
            }
            if (ch == '?' && !quoted) {
                out.append('$').append(++n);
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }
}
