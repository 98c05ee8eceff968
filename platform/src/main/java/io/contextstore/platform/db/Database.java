package io.contextstore.platform.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
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

    /** Scopes the transaction to a tenant (its only parameter): the setting row-level security reads. */
    public static final String SCOPE_TO_TENANT = "SELECT set_config('app.tenant_id', ?, true)";
    /** Scopes the transaction to one user of a tenant in a role (tenant, user, role): one statement, one round trip. */
    private static final String SCOPE_TO_USER = "SELECT set_config('app.tenant_id', ?, true), set_config('app.user_id', ?, true),"
            + " set_config('app.role', ?, true)";
    /** The same, in a transaction made read-only first (a transaction may always become read-only). */
    private static final String READ_ONLY_AS_USER = SCOPE_TO_USER.replace("SELECT ",
            "SELECT set_config('transaction_read_only', 'on', true), ");

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
     * @param poolName          also the connections' {@code application_name}
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
        // its backends are told apart in pg_stat_activity (the embedded stack lowers the search indexer's priority, ADR 48)
        config.addDataSourceProperty("ApplicationName", poolName);
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
     * Runs a fixed sequence of statements scoped to {@code tenantId} as one transaction in one round trip
     * ({@link OneTrip}), and answers what each reading statement's extractor read from its rows. Only for work whose
     * statements do not depend on each other's results; a statement that fails rolls all of them back. Give every
     * parameter its type: an untyped one costs a round trip a statement (still in the one transaction).
     *
     * @throws IllegalStateException inside a transaction, where the statements would join it
     */
    public OneTrip.Answers inTenantInOneTrip(UUID tenantId, List<? extends OneTrip.Statement<?>> statements) {
        return inOneTrip(SCOPE_TO_TENANT, List.of(tenantId.toString()), statements);
    }

    /**
     * {@link #inTenantInOneTrip} for reading, as one user of {@code tenantId} in a role: a read-only transaction with
     * the three settings row-level security reads, as {@link #readAs} has them.
     */
    public OneTrip.Answers readAsInOneTrip(UUID tenantId, String userId, String role,
                                           List<? extends OneTrip.Statement<?>> statements) {
        return inOneTrip(READ_ONLY_AS_USER, List.of(tenantId.toString(), userId, role), statements);
    }

    private OneTrip.Answers inOneTrip(String scope, List<String> settings,
                                      List<? extends OneTrip.Statement<?>> statements) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("one trip runs as its own transaction, not inside another");
        }
        return template.execute(new OneTrip(scope, settings, statements));
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
