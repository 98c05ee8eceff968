package io.contextstore.platform.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;

/**
 * One INSERT with many VALUES rows: the fast way to write a batch to a table under row-level
 * security, where COPY is refused. Columns may carry a cast (e.g. {@code "data::jsonb"}).
 * Binds with plain JDBC: a template's per-parameter type resolution costs more than the insert
 * itself at thousands of parameters. Failures are translated to Spring's exceptions like any other.
 */
public final class MultiRowInsert<T> {

    /**
     * A many-tenant poll writes a few rows a tenant, statement after statement, in texts of the same few sizes: those
     * are made once, and a statement composed of them can be found again by its parts' strings, whose hashes Java
     * keeps, instead of being built and hashed anew. Larger statements are rarer and cost far more than their text.
     */
    private static final int KEPT_TEXTS = 64;
    /** The most parameters one statement binds: pgjdbc refuses more (the protocol counts them in 16 bits). */
    public static final int MOST_PARAMETERS = 65_535;
    private static final SQLErrorCodeSQLExceptionTranslator TRANSLATOR = new SQLErrorCodeSQLExceptionTranslator("PostgreSQL");

    private final String table;
    private final List<String> columns = new ArrayList<>();
    private final List<String> placeholders = new ArrayList<>();
    private final Function<T, Object[]> values;
    private String suffix = "";
    /** The texts of statements of up to {@link #KEPT_TEXTS} rows, by row count, each made once. */
    private final Map<Integer, String> texts = new ConcurrentHashMap<>();

    private MultiRowInsert(String table, Function<T, Object[]> values, String... columns) {
        this.table = table;
        this.values = values;
        for (String column : columns) {
            int cast = column.indexOf("::");
            this.columns.add(cast < 0 ? column : column.substring(0, cast));
            this.placeholders.add(cast < 0 ? "?" : "?" + column.substring(cast));
        }
    }

    public static <T> MultiRowInsert<T> into(String table, Function<T, Object[]> values, String... columns) {
        return new MultiRowInsert<>(table, values, columns);
    }

    /** For example {@code ON CONFLICT (...) DO UPDATE SET ...}. */
    public MultiRowInsert<T> then(String clause) {
        this.suffix = " " + clause;
        texts.clear();
        return this;
    }

    /**
     * Inserts the rows, in as many statements as {@link #MOST_PARAMETERS} requires (one for all but the largest
     * batches); returns how many were written.
     */
    public int execute(Connection connection, List<T> rows) {
        int perStatement = MOST_PARAMETERS / columns.size();
        int written = 0;
        for (int from = 0; from < rows.size(); from += perStatement) {
            written += executeOnce(connection, rows.subList(from, Math.min(rows.size(), from + perStatement)));
        }
        return written;
    }

    private int executeOnce(Connection connection, List<T> rows) {
        String sql = sql(rows.size());
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            bindRows(insert, rows);
            return insert.executeUpdate();
        } catch (SQLException e) {
            throw TRANSLATOR.translate("insert into " + table, sql, e);
        }
    }

    /** The statement for these rows and its parameters, to compose into a larger statement (a CTE). */
    public record Fragment(String sql, List<Object> parameters) {
    }

    public Fragment fragment(List<T> rows) {
        List<Object> parameters = new ArrayList<>(rows.size() * columns.size());
        for (T row : rows) {
            Object[] rowValues = values.apply(row);
            if (rowValues.length != columns.size()) {
                throw new IllegalArgumentException(table + ": " + rowValues.length + " values for " + columns.size() + " columns");
            }
            parameters.addAll(java.util.Arrays.asList(rowValues));
        }
        return new Fragment(sql(rows.size()), parameters);
    }

    /** Binds parameters with plain JDBC, arrays as text[], instants as timestamptz in binary ({@link BinaryTimestamp}). */
    public static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
        int index = 1;
        for (Object value : parameters) {
            if (value instanceof String[] array) {
                statement.setArray(index++, statement.getConnection().createArrayOf("text", array));
            } else if (value instanceof Instant instant) {
                statement.setObject(index++, new BinaryTimestamp(instant));
            } else {
                statement.setObject(index++, value);
            }
        }
    }

    private String sql(int rowCount) {
        return rowCount <= KEPT_TEXTS ? texts.computeIfAbsent(rowCount, this::text) : text(rowCount);
    }

    private String text(int rowCount) {
        String row = "(" + String.join(", ", placeholders) + ")";
        StringBuilder sql = new StringBuilder(64 + rowCount * row.length()).append("INSERT INTO ").append(table)
                .append(" (").append(String.join(", ", columns)).append(") VALUES ");
        for (int i = 0; i < rowCount; i++) {
            sql.append(i == 0 ? row : ", " + row);
        }
        return sql.append(suffix).toString();
    }

    private void bindRows(PreparedStatement insert, List<T> rows) throws SQLException {
        bind(insert, fragment(rows).parameters());
    }
}
