package io.contextstore.platform.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import tools.jackson.databind.json.JsonMapper;

/**
 * One INSERT of many rows, sent as one array per column and turned back into rows by {@code unnest}: the fast way to
 * write a batch to a table under row-level security, where COPY is refused. The statement's text is the same however
 * many rows it carries, so it runs on a cached plan (pgjdbc prepares it on the server after a few uses), where a VALUES
 * list, with a text of its own for every row count, was planned again on nearly every call; and a column costs one
 * parameter, not one per row (bench/profiling.md, 5 December 2026). Each column is declared with its type ({@code "tenant_id uuid"}). A value is written by its Java
 * type: a time as ISO-8601, a map as JSON (a jsonb column), a list or array as an array (a column whose type ends in
 * {@code []}, which travels as one array literal per row, since unnest cannot take a ragged two-dimensional array).
 * Failures are translated to Spring's exceptions like any other.
 */
public final class MultiRowInsert<T> {

    private static final SQLErrorCodeSQLExceptionTranslator TRANSLATOR = new SQLErrorCodeSQLExceptionTranslator("PostgreSQL");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String table;
    private final List<String> names = new ArrayList<>();
    private final List<String> types = new ArrayList<>();
    private final Function<T, Object[]> values;
    private final String sql;

    private MultiRowInsert(String table, Function<T, Object[]> values, String suffix, List<String> columns) {
        this.table = table;
        this.values = values;
        for (String column : columns) {
            String[] nameAndType = column.trim().split("\\s+", 2);
            if (nameAndType.length != 2) {
                throw new IllegalArgumentException(table + "." + column + ": a column needs its type, as in \"tenant_id uuid\"");
            }
            names.add(nameAndType[0]);
            types.add(nameAndType[1]);
        }
        this.sql = sql(suffix);
    }

    /** @param columns each column's name and type, as in {@code "kafka_offset bigint"} or {@code "tags text[]"} */
    public static <T> MultiRowInsert<T> into(String table, Function<T, Object[]> values, String... columns) {
        return new MultiRowInsert<>(table, values, "", List.of(columns));
    }

    /** The same insert followed by a clause, for example {@code ON CONFLICT (...) DO UPDATE SET ...}. */
    public MultiRowInsert<T> then(String clause) {
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            columns.add(names.get(i) + " " + types.get(i));
        }
        return new MultiRowInsert<>(table, values, " " + clause, columns);
    }

    /** Inserts the rows; returns how many were written. */
    public int execute(Connection connection, List<T> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        Fragment fragment = fragment(rows);
        try (PreparedStatement insert = connection.prepareStatement(fragment.sql())) {
            bind(insert, fragment.parameters());
            return insert.executeUpdate();
        } catch (SQLException e) {
            throw TRANSLATOR.translate("insert into " + table, fragment.sql(), e);
        }
    }

    /** The statement for these rows and its parameters, to compose into a larger statement (a CTE). */
    public record Fragment(String sql, List<Object> parameters) {
    }

    /** An array literal, bound untyped so that the statement's cast reads it. */
    record ArrayLiteral(String text) {
    }

    public Fragment fragment(List<T> rows) {
        List<StringBuilder> arrays = new ArrayList<>(names.size());
        names.forEach(name -> arrays.add(new StringBuilder(16 * rows.size()).append('{')));
        for (T row : rows) {
            Object[] rowValues = values.apply(row);
            if (rowValues.length != names.size()) {
                throw new IllegalArgumentException(table + ": " + rowValues.length + " values for " + names.size() + " columns");
            }
            for (int i = 0; i < rowValues.length; i++) {
                StringBuilder array = arrays.get(i);
                if (array.length() > 1) {
                    array.append(',');
                }
                element(array, rowValues[i]);
            }
        }
        List<Object> parameters = new ArrayList<>(arrays.size());
        arrays.forEach(array -> parameters.add(new ArrayLiteral(array.append('}').toString())));
        return new Fragment(sql, parameters);
    }

    /** Binds parameters with plain JDBC: array literals untyped, anything else as itself. */
    public static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
        int index = 1;
        for (Object value : parameters) {
            if (value instanceof ArrayLiteral literal) {
                statement.setObject(index++, literal.text(), Types.OTHER);
            } else {
                statement.setObject(index++, value);
            }
        }
    }

    /** Appends a value as an element of an array literal: quoted, so that no character of it is read as syntax. */
    private static void element(StringBuilder array, Object value) {
        if (value == null) {
            array.append("NULL");
            return;
        }
        String text;
        if (value instanceof Map<?, ?> map) {
            text = JSON.writeValueAsString(map);
        } else if (value instanceof List<?> list) {
            text = literal(list);
        } else if (value instanceof Object[] objects) {
            text = literal(java.util.Arrays.asList(objects));
        } else {
            text = value.toString(); // text, numbers, booleans, UUIDs, times (ISO-8601)
        }
        array.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                array.append('\\');
            }
            array.append(c);
        }
        array.append('"');
    }

    private static String literal(List<?> list) {
        StringBuilder inner = new StringBuilder().append('{');
        for (Object value : list) {
            if (inner.length() > 1) {
                inner.append(',');
            }
            element(inner, value);
        }
        return inner.append('}').toString();
    }

    /** Columns of an array type arrive as one literal per row and are cast back; the others unnest as they are. */
    private String sql(String suffix) {
        StringBuilder select = new StringBuilder();
        StringBuilder arrays = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            String type = types.get(i);
            boolean nested = type.endsWith("[]");
            select.append(i == 0 ? "" : ", ").append("u.").append(names.get(i)).append(nested ? "::" + type : "");
            arrays.append(i == 0 ? "" : ", ").append("?::").append(nested ? "text" : type).append("[]");
        }
        String columns = String.join(", ", names);
        return "INSERT INTO " + table + " (" + columns + ") SELECT " + select + " FROM unnest(" + arrays + ") AS u("
                + columns + ")" + suffix;
    }
}
