package io.contextstore.platform.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One service's connection pool with tenant-scoped transactions. The tenant is set with
 * {@code set_config('app.tenant_id', ?, true)}: transaction-local, so a pooled connection never
 * carries a tenant into the next transaction, whether the last one committed or failed.
 */
public final class Database implements AutoCloseable {

    /**
     * One SQL statement of a {@linkplain #inTenantInOneTrip trip}, its parameters in order, and what to read from its
     * rows ({@code null}: nothing).
     */
    public record Statement<T>(String sql, List<?> params, ResultSetExtractor<T> rows) {

        public static Statement<Void> write(String sql, List<?> params) {
            return new Statement<>(sql, params, null);
        }
    }

    /** What each statement of a trip answered, as its extractor read it. */
    public static final class Answers {

        private final Map<Statement<?>, Object> read = new IdentityHashMap<>();

        @SuppressWarnings("unchecked") // put only by the statement's own extractor
        public <T> T of(Statement<T> statement) {
            if (!read.containsKey(statement)) {
                throw new IllegalArgumentException("not a reading statement of this trip");
            }
            return (T) read.get(statement);
        }
    }

    /** Scopes the transaction to a tenant (its only parameter): the setting row-level security reads. */
    public static final String SCOPE_TO_TENANT = "SELECT set_config('app.tenant_id', ?, true)";
    /** Scopes the transaction to one user of a tenant in a role (tenant, user, role): one statement, one round trip. */
    private static final String SCOPE_TO_USER = "SELECT set_config('app.tenant_id', ?, true), set_config('app.user_id', ?, true),"
            + " set_config('app.role', ?, true)";

    private final HikariDataSource dataSource;
    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TransactionTemplate readWrite;
    private final TransactionTemplate readOnly;

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
        this.template = new JdbcTemplate(dataSource);
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
        this.readWrite = new TransactionTemplate(transactions);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.readOnly.setIsolationLevel(TransactionDefinition.ISOLATION_DEFAULT);
    }

    public static Database connect(DatabaseSettings settings, String poolName) {
        return connect(settings, poolName, null);
    }

    /**
     * @param idleInTransaction how long a transaction of this pool may wait for its client before PostgreSQL ends
     *                          the session and releases its locks (null: PostgreSQL's setting). A client frozen in a
     *                          transaction (a stopped process, a suspended VM) otherwise holds its row locks until it
     *                          wakes, and whoever needs those rows waits as long.
     */
    public static Database connect(DatabaseSettings settings, String poolName, Duration idleInTransaction) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(poolName);
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.username());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(Math.min(2, settings.poolSize()));
        config.setConnectionTimeout(settings.connectionTimeout().toMillis());
        config.setValidationTimeout(Math.min(1000, settings.connectionTimeout().toMillis()));
        config.setInitializationFailTimeout(-1); // start even while the database is down; requests then get 503
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        config.addDataSourceProperty("socketTimeout", "30");
        if (idleInTransaction != null) {
            config.addDataSourceProperty("options", "-c idle_in_transaction_session_timeout=" + idleInTransaction.toMillis());
        }
        return new Database(new HikariDataSource(config));
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * The connection of the transaction running on this thread, for statements that bind thousands
     * of parameters (multi-row INSERTs), where plain JDBC is much cheaper than a template.
     */
    public Connection currentConnection() {
        return DataSourceUtils.getConnection(dataSource);
    }

    /** Runs {@code work} in one read-write transaction scoped to {@code tenantId}. */
    public <T> T inTenant(UUID tenantId, Function<JdbcClient, T> work) {
        return readWrite.execute(status -> {
            scopeTo("app.tenant_id", tenantId.toString());
            return work.apply(jdbc);
        });
    }

    /**
     * Runs a fixed sequence of statements scoped to {@code tenantId} as one transaction, in one round trip, and answers
     * what each reading statement's extractor read from its rows. The transaction's {@code BEGIN}, the tenant's setting,
     * the statements and a closing {@code COMMIT} go as one query; pgjdbc sends its parts together with one Sync, so the
     * whole costs one round trip instead of one a statement. The transaction is explicit, so every statement runs in it
     * however the driver sends them: once it prepares the statements on the server, a parameter of no declared type
     * (a null bound without its SQL type) makes it send each part with its own Sync, one round trip each. Only for
     * work whose statements do not depend on each other's results; a statement that fails rolls all of them back.
     *
     * @throws IllegalStateException inside a transaction, where the statements would join it
     */
    public Answers inTenantInOneTrip(UUID tenantId, List<? extends Statement<?>> statements) {
        return inOneTrip(SCOPE_TO_TENANT, List.of(tenantId.toString()), statements);
    }

    /**
     * {@link #inTenantInOneTrip} as one user of {@code tenantId} in a role: the three settings row-level security reads,
     * as {@link #readAs} sets them.
     */
    public Answers asUserInOneTrip(UUID tenantId, String userId, String role, List<? extends Statement<?>> statements) {
        return inOneTrip(SCOPE_TO_USER, List.of(tenantId.toString(), userId, role), statements);
    }

    private Answers inOneTrip(String scope, List<String> settings, List<? extends Statement<?>> statements) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("one trip runs as its own transaction, not inside another");
        }
        String sql = scope + statements.stream().map(Statement::sql).collect(Collectors.joining(";\n", ";\n", ""));
        List<Object> args = new ArrayList<>(settings);
        statements.forEach(each -> args.addAll(each.params()));
        return template.execute((ConnectionCallback<Answers>) connection -> {
            connection.setAutoCommit(false);
            Answers answers;
            try (PreparedStatement statement = connection.prepareStatement(sql + ";\nCOMMIT")) {
                // bound as JdbcTemplate binds its arguments, typed ones (SqlParameterValue) included
                new ArgumentPreparedStatementSetter(args.toArray()).setValues(statement);
                statement.execute(); // the settings' row; every statement, and the COMMIT, has run once this returns
                answers = read(statement, statements);
            } catch (SQLException | RuntimeException e) {
                // the first failure is the one to report: a broken connection's SQLSTATE says "retry later" (503)
                abandon(connection, e);
                throw e;
            }
            connection.setAutoCommit(true);
            return answers;
        });
    }

    private static Answers read(PreparedStatement statement, List<? extends Statement<?>> statements) throws SQLException {
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

    /** Runs {@code work} in one read-only transaction scoped to {@code tenantId}. */
    public <T> T readInTenant(UUID tenantId, Function<JdbcClient, T> work) {
        return readOnly.execute(status -> {
            scopeTo("app.tenant_id", tenantId.toString());
            return work.apply(jdbc);
        });
    }

    /**
     * Runs {@code work} in one read-only transaction as one user of {@code tenantId}: the tenant, the user and the role
     * that row-level security reads, set by one statement (a read's round trips are most of its cost).
     */
    public <T> T readAs(UUID tenantId, String userId, String role, Function<JdbcClient, T> work) {
        return readOnly.execute(status -> {
            jdbc.sql(SCOPE_TO_USER).params(tenantId.toString(), userId, role).query().singleRow();
            return work.apply(jdbc);
        });
    }

    /** Runs {@code work} in one transaction with a transaction-local setting, for policies other than the tenant's. */
    public <T> T withSetting(String name, String value, Function<JdbcClient, T> work) {
        return readWrite.execute(status -> {
            scopeTo(name, value);
            return work.apply(jdbc);
        });
    }

    /** Runs {@code work} in one transaction with no tenant: tenant tables show no rows. */
    public <T> T withoutTenant(Function<JdbcClient, T> work) {
        return readWrite.execute(status -> work.apply(jdbc));
    }

    private void scopeTo(String name, String value) {
        setLocal(jdbc, name, value);
    }

    /**
     * Sets a transaction-local setting inside work already running in a transaction, e.g. to move
     * a multi-tenant batch from one tenant to the next.
     */
    public static void setLocal(JdbcClient jdbc, String name, String value) {
        jdbc.sql("SELECT set_config(?, ?, true)").param(name).param(value).query().singleValue();
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
