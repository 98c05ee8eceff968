package io.contextstore.bench;

import io.contextstore.events.ContextEvent;
import io.contextstore.events.DecisionRecorded;
import io.contextstore.events.topic.Topics;
import io.contextstore.platform.db.Migrations;
import io.contextstore.platform.db.ServiceRole;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The raw limit under the projector: the same rows (context_events and decisions) written with plain
 * JDBC multi-row INSERTs of 500 rows, one transaction per batch, as the projector role under the same
 * row-level security, into a copy of the schema. COPY into a table without row-level security, as the
 * owner, is shown as a further reference (COPY FROM is refused on tables under RLS). Closing drops that copy: its
 * millions of rows are only the ceilings' scratch, and left behind, autovacuum scanned them for minutes while the
 * sections after the projector's measured (the end-to-end section among them).
 */
final class RawJdbcScenario implements AutoCloseable {

    /**
     * @param tenantsPerTransaction the mean number of tenants in a transaction, where a load spreads them (else NaN)
     * @param spent                 the CPU time of the load's clock, the machine's and the driver's JVM's
     */
    record Result(String name, long rows, Duration took, double tenantsPerTransaction, CoreTime.Spent spent) {

        Result(String name, long rows, Duration took, CoreTime.Spent spent) {
            this(name, rows, took, Double.NaN, spent);
        }

        double rowsPerSecond() {
            return rows / (took.toNanos() / 1e9);
        }
    }

    static final String SCHEMA = "bench_raw";
    private static final int BATCH = 500;
    /** What the projector writes to context_events, but the log hash, in the order both loads give them. */
    static final String COLUMNS = "tenant_id, kafka_offset, kafka_partition, event_id, content_hash, kind, user_id,"
            + " device_id, private_to, project_id, client_seq, occurred_at, received_at, data, chain";
    static final String DATA = "{\"tags\": [\"bench\", \"architecture\"], \"title\": \"t\", \"decision\": \""
            + Items.FILLER + "\", \"rationale\": \"measured by the benchmark\"}";

    private final BenchStack stack;
    /**
     * The as-logged loads' connections, one for each consumer thread they stand for, opened before the first load's
     * clock and kept across loads, as the projector keeps its own: each load opened its own on its clock before.
     */
    private final List<Connection> logged = new ArrayList<>();

    RawJdbcScenario(BenchStack stack) {
        this.stack = stack;
        Migrations.dropSchema(stack.databaseUrl(), "cs_owner", stack.ownerPassword(), SCHEMA);
        Migrations.migrateSchema(stack.databaseUrl(), "cs_owner", stack.ownerPassword(), SCHEMA);
    }

    /** How a batch of one tenant's events reaches the two tables, inside the batch's transaction. */
    @FunctionalInterface
    interface Load {
        void write(Connection c, List<ContextEvent> events, long firstOffset) throws SQLException;
    }

    Result multiRowInsert(int tenantCount, int perTenant) throws SQLException {
        return load("raw JDBC multi-row INSERT under RLS", tenantCount, perTenant, c -> (connection, events, offset) -> {
            execute(connection, events(events, offset), events.size());
            execute(connection, decisions(events, offset), events.size());
        });
    }

    /**
     * COPY into temporary tables of the role's own (no row-level security there), then one {@code INSERT … SELECT}
     * into each table, under its policies: the fastest legal way to load rows into a table with forced RLS.
     */
    Result stagedCopy(int tenantCount, int perTenant) throws SQLException {
        return load("raw JDBC COPY into a staging table, then INSERT … SELECT under RLS", tenantCount, perTenant,
                StagedCopy::prepare);
    }

    /**
     * The same rows in the order a consumer of the log reads them in a catch-up: a partition at a time (its fetch hands
     * out one partition's records before the next one's), each partition's tenants' n-th events before their next; in
     * transactions of one projector poll, each tenant's rows of a transaction in one statement that sets the tenant and
     * inserts into both tables, {@code tenantsPerTrip} tenants a round trip ({@link AsLogged}); on {@code connections}
     * connections at once, each with its share of the partitions, as the projector's consumer threads share them (a
     * range of partitions each).
     */
    Result asLogged(int tenantCount, int perTenant, int rowsPerTransaction, int connections, int tenantsPerTrip)
            throws Exception {
        List<SortedMap<Integer, List<UUID>>> shares = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            shares.add(new TreeMap<>());
        }
        for (UUID tenant : tenants(tenantCount)) {
            int partition = Topics.CONTEXT_EVENTS.partitionOf(tenant.toString(), BenchMain.PARTITIONS);
            shares.get(partition * connections / BenchMain.PARTITIONS).computeIfAbsent(partition, p -> new ArrayList<>())
                    .add(tenant);
        }
        String run = "jdbc-" + System.nanoTime();
        // made before the clock starts, as the projector's come decoded from the log by the consumer: a ceiling that
        // builds and hashes each event on its own clock is one the projector can beat
        List<List<ContextEvent>> logs = new ArrayList<>();
        for (SortedMap<Integer, List<UUID>> share : shares) {
            List<ContextEvent> log = new ArrayList<>();
            for (List<UUID> partition : share.values()) {
                for (int n = 0; n < perTenant; n++) {
                    for (UUID tenant : partition) {
                        log.add(Items.event(tenant, run, n));
                    }
                }
            }
            logs.add(log);
        }
        while (logged.size() < connections) {
            Connection connection = projectorConnection();
            connection.setAutoCommit(false);
            logged.add(connection);
        }
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        try {
            CoreTime cores = CoreTime.now();
            long started = System.nanoTime();
            List<Future<AsLogged>> loads = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                Connection connection = logged.get(i);
                List<ContextEvent> log = logs.get(i);
                loads.add(pool.submit(() -> asLogged(connection, log, rowsPerTransaction, tenantsPerTrip)));
            }
            long rows = 0;
            long tenants = 0;
            long transactions = 0;
            for (Future<AsLogged> load : loads) {
                AsLogged loaded = load.get();
                rows += loaded.rows();
                tenants += loaded.tenants();
                transactions += loaded.transactions();
            }
            return new Result("raw JDBC, as logged", rows, Duration.ofNanos(System.nanoTime() - started),
                    (double) tenants / transactions, cores.spentSince());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Loads one connection's log; what it returns is finished, its rows all committed. */
    private static AsLogged asLogged(Connection c, List<ContextEvent> log, int rowsPerTransaction, int tenantsPerTrip)
            throws SQLException {
        AsLogged transactions = new AsLogged(c, rowsPerTransaction, tenantsPerTrip);
        for (ContextEvent event : log) {
            transactions.add(event);
        }
        transactions.finish();
        return transactions;
    }

    private static List<UUID> tenants(int count) {
        List<UUID> tenants = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tenants.add(UUID.randomUUID());
        }
        return tenants;
    }

    private Connection projectorConnection() throws SQLException {
        return DriverManager.getConnection(stack.databaseUrl(), ServiceRole.PROJECTOR.roleName(),
                stack.settings(ServiceRole.PROJECTOR).password());
    }

    private Result load(String name, int tenantCount, int perTenant, Preparation preparation) throws SQLException {
        List<UUID> tenants = tenants(tenantCount);
        String run = "jdbc-" + System.nanoTime();
        try (Connection c = projectorConnection()) {
            c.setAutoCommit(false);
            Load load = preparation.prepare(c);
            c.commit();
            CoreTime cores = CoreTime.now();
            long started = System.nanoTime();
            long offset = 0;
            for (UUID tenant : tenants) {
                for (int from = 0; from < perTenant; from += BATCH) {
                    int size = Math.min(BATCH, perTenant - from);
                    List<ContextEvent> events = new ArrayList<>(size);
                    for (int i = 0; i < size; i++) {
                        events.add(Items.event(tenant, run, from + i));
                    }
                    setLocal(c, "search_path", SCHEMA);
                    setLocal(c, "app.tenant_id", tenant.toString());
                    load.write(c, events, offset);
                    c.commit();
                    offset += size;
                }
            }
            return new Result(name, offset, Duration.ofNanos(System.nanoTime() - started), cores.spentSince());
        }
    }

    /** Whatever a load sets up once on its connection (not timed). */
    @FunctionalInterface
    interface Preparation {
        Load prepare(Connection c) throws SQLException;
    }

    Result copyWithoutRowLevelSecurity(long rows) throws Exception {
        try (Connection c = DriverManager.getConnection(stack.databaseUrl(), "cs_owner", stack.ownerPassword());
             Statement s = c.createStatement()) {
            // INCLUDING GENERATED: the reference computes the search document too, as the projected table does
            s.execute("CREATE TABLE " + SCHEMA + ".copy_reference (LIKE " + SCHEMA + ".context_events INCLUDING GENERATED)");
            StringBuilder csv = new StringBuilder();
            UUID tenant = UUID.randomUUID();
            for (long i = 0; i < rows; i++) {
                csv.append(tenant).append(',').append(i).append(",0,").append(UUID.randomUUID()).append(',')
                        .append(String.format("%064x", i)).append(",decision,bench,bench,,,,2026-11-25 10:00:00+00,")
                        .append("2026-11-25 10:00:00+00,\"").append(DATA.replace("\"", "\"\"")).append("\",")
                        .append(String.format("%064x", i)).append(',').append(String.format("%064x", i)).append('\n');
            }
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            CoreTime cores = CoreTime.now();
            long started = System.nanoTime();
            copy.copyIn("COPY " + SCHEMA + ".copy_reference (" + COLUMNS + ", log_hash) FROM STDIN WITH (FORMAT csv)", new java.io.StringReader(csv.toString()));
            return new Result("COPY as owner into a table without RLS (reference)", rows,
                    Duration.ofNanos(System.nanoTime() - started), cores.spentSince());
        }
    }

    @Override
    public void close() throws SQLException {
        for (Connection connection : logged) {
            connection.close();
        }
        Migrations.dropSchema(stack.databaseUrl(), "cs_owner", stack.ownerPassword(), SCHEMA);
    }

    /** One multi-row INSERT and its parameters, to run alone or as a part of a larger statement. */
    record Insert(String sql, List<Object> parameters) {
    }

    static Insert events(List<ContextEvent> events, long firstOffset) {
        StringBuilder sql = new StringBuilder("INSERT INTO context_events (" + COLUMNS + ", log_hash) VALUES ");
        List<Object> parameters = new ArrayList<>(events.size() * 11);
        for (int i = 0; i < events.size(); i++) {
            sql.append(i == 0 ? "" : ",").append("(?,?,0,?,?,'decision',?,?,NULL,NULL,NULL,?,?,?::jsonb,?,?)");
            ContextEvent e = events.get(i);
            parameters.addAll(List.of(e.getTenantId(), firstOffset + i, e.getEventId(), e.getContentHash(), e.getUserId(),
                    e.getDeviceId(), Timestamp.from(e.getOccurredAt()), Timestamp.from(e.getReceivedAt()), DATA,
                    e.getContentHash(), e.getContentHash()));
        }
        return new Insert(sql.toString(), parameters);
    }

    static Insert decisions(List<ContextEvent> events, long firstOffset) {
        StringBuilder sql = new StringBuilder("INSERT INTO decisions (tenant_id, kafka_offset, event_id, user_id, "
                + "device_id, project_id, occurred_at, title, decision, rationale, tags) VALUES ");
        List<Object> parameters = new ArrayList<>(events.size() * 10);
        for (int i = 0; i < events.size(); i++) {
            sql.append(i == 0 ? "" : ",").append("(?,?,?,?,?,NULL,?,?,?,?,?::text[])");
            ContextEvent e = events.get(i);
            DecisionRecorded d = (DecisionRecorded) e.getPayload();
            parameters.addAll(List.of(e.getTenantId(), firstOffset + i, e.getEventId(), e.getUserId(), e.getDeviceId(),
                    Timestamp.from(e.getOccurredAt()), d.getTitle(), d.getDecision(), d.getRationale(),
                    "{" + String.join(",", d.getTags()) + "}"));
        }
        return new Insert(sql.toString(), parameters);
    }

    static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
    }

    private static void execute(Connection c, Insert insert, int rows) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(insert.sql())) {
            bind(statement, insert.parameters());
            expect(rows, statement.executeUpdate());
        }
    }

    static void expect(int rows, int written) {
        if (rows != written) {
            throw new IllegalStateException("the raw load wrote " + written + " rows of " + rows);
        }
    }

    static void setLocal(Connection c, String name, String value) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT set_config(?, ?, true)")) {
            s.setString(1, name);
            s.setString(2, value);
            s.execute();
        }
    }
}
