package io.contextstore.platform.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.RowMapper;

/**
 * A fixed sequence of statements sent as one transaction in one round trip ({@link Database#inTenantInOneTrip},
 * ADR 45): {@code BEGIN} (the driver's, with autocommit off), the scope's settings, the statements and a {@code COMMIT},
 * as one prepared query that pgjdbc sends with one Sync. The transaction is explicit so that every statement runs in
 * it however the driver sends them: a parameter without a type makes pgjdbc send each part of a query it has prepared
 * on the server with a Sync of its own.
 */
public final class OneTrip implements ConnectionCallback<OneTrip.Answers> {

    /** One statement of a trip, its parameters in order, and what to read from its rows ({@code null}: nothing). */
    public record Statement<T>(String sql, List<?> params, ResultSetExtractor<T> rows) {

        public static Statement<Void> write(String sql, List<?> params) {
            return new Statement<>(sql, params, null);
        }

        /** A statement whose rows, each made by {@code row}, are answered by {@code key} (a later row wins a key). */
        public static <K, V> Statement<Map<K, V>> keyed(String sql, List<?> params, RowMapper<V> row, Function<V, K> key) {
            return new Statement<>(sql, params, rs -> {
                Map<K, V> found = new HashMap<>();
                for (int n = 0; rs.next(); n++) {
                    V value = row.mapRow(rs, n);
                    found.put(key.apply(value), value);
                }
                return found;
            });
        }
    }

    /** What each statement of a trip answered, as its extractor read it. */
    public static final class Answers {

        /** The answers of a trip that had nothing to send. */
        public static final Answers NONE = new Answers();

        private final Map<Statement<?>, Object> read = new IdentityHashMap<>();

        /** What {@code statement} answered, or {@code absent} when there was no such statement ({@code null}). */
        public <T> T of(Statement<T> statement, T absent) {
            return statement == null ? absent : of(statement);
        }

        @SuppressWarnings("unchecked") // put only by the statement's own extractor
        public <T> T of(Statement<T> statement) {
            if (!read.containsKey(statement)) {
                throw new IllegalArgumentException("not a reading statement of this trip");
            }
            return (T) read.get(statement);
        }
    }

    /** The statements among these that a trip has to send: those that are not {@code null}. */
    public static List<Statement<?>> present(Statement<?>... statements) {
        return Arrays.stream(statements).filter(Objects::nonNull).<Statement<?>>map(statement -> statement).toList();
    }

    private final String sql;
    private final Object[] args;
    private final List<? extends Statement<?>> statements;

    /** @param scope a statement setting the transaction's scope, with {@code settings} as its parameters */
    OneTrip(String scope, List<String> settings, List<? extends Statement<?>> statements) {
        this.sql = scope + statements.stream().map(Statement::sql).collect(Collectors.joining(";\n", ";\n", ";\nCOMMIT"));
        List<Object> args = new ArrayList<>(settings);
        statements.forEach(each -> args.addAll(each.params()));
        this.args = args.toArray();
        this.statements = statements;
    }

    @Override
    public Answers doInConnection(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        Answers answers;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            // bound as JdbcTemplate binds its arguments, typed ones (SqlParameterValue) included
            new ArgumentPreparedStatementSetter(args).setValues(statement);
            statement.execute(); // the scope's row; every statement, and the COMMIT, has run once this returns
            answers = read(statement);
        } catch (SQLException | RuntimeException e) {
            // the first failure is the one to report: a broken connection's SQLSTATE says "retry later" (503)
            abandon(connection, e);
            throw e;
        }
        connection.setAutoCommit(true);
        return answers;
    }

    private Answers read(PreparedStatement statement) throws SQLException {
        Answers answers = new Answers();
        for (Statement<?> each : statements) {
            boolean rows = statement.getMoreResults();
            if (each.rows() != null) {
                if (!rows) {
                    throw new IllegalStateException("a reading statement answered no rows: " + each.sql());
                }
                answers.read.put(each, each.rows().extractData(statement.getResultSet()));
            }
        }
        return answers;
    }

    /** A statement failed, or reading its answer did: whatever is still open is rolled back, quietly. */
    private static void abandon(Connection connection, Exception failure) {
        try {
            connection.rollback();
            connection.setAutoCommit(true);
        } catch (SQLException alsoFailed) {
            failure.addSuppressed(alsoFailed); // the pool resets or discards the connection either way
        }
    }
}
