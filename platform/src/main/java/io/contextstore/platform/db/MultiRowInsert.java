package io.contextstore.platform.db;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One INSERT with many VALUES rows: the fast way to write a batch to a table under row-level
 * security, where COPY is refused. Columns may carry a cast (e.g. {@code "data::jsonb"}).
 */
public final class MultiRowInsert<T> {

    private final String table;
    private final List<String> columns = new ArrayList<>();
    private final List<String> placeholders = new ArrayList<>();
    private final Function<T, Object[]> values;
    private String suffix = "";

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
        return this;
    }

    public int execute(JdbcClient jdbc, List<T> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        String row = "(" + String.join(", ", placeholders) + ")";
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table)
                .append(" (").append(String.join(", ", columns)).append(") VALUES ");
        List<Object> params = new ArrayList<>(rows.size() * columns.size());
        for (int i = 0; i < rows.size(); i++) {
            sql.append(i == 0 ? row : ", " + row);
            Object[] rowValues = values.apply(rows.get(i));
            if (rowValues.length != columns.size()) {
                throw new IllegalArgumentException(table + ": " + rowValues.length + " values for " + columns.size() + " columns");
            }
            params.addAll(java.util.Arrays.asList(rowValues));
        }
        return jdbc.sql(sql.append(suffix).toString()).params(params).update();
    }
}
