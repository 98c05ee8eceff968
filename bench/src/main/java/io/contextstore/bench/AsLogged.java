package io.contextstore.bench;

import io.contextstore.events.ContextEvent;
import io.contextstore.platform.db.MultiRowInsert;
import io.contextstore.projector.store.ReadModelWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The raw limit of a many-tenant mix: rows arrive in the order given (the caller gives them as a consumer reads the
 * log), a transaction takes one projector poll's worth, and each tenant in it is one statement, which sets the tenant
 * for row-level security and inserts its rows into both tables. Row-level security needs the setting once per tenant
 * per transaction, so no legal load of the same rows in the same order sends fewer statements. They go a tenant a round
 * trip (as the projector sends them), or several tenants a round trip; one tenant's 500-row batches are an easier shape
 * no streaming consumer gets.
 */
final class AsLogged {

    /**
     * Tenants a round trip when several go together: 32 and 64 measured alike. With every tenant of a share in each
     * transaction they were half again faster than one at 10,000 tenants and slower at 100; read a partition at a time,
     * equal at 10,000 and slower at 100 and 1,000 (bench/profiling.md). Which one wins moves with the shape, so the
     * ceiling takes the better of the two.
     */
    static final int TENANTS_PER_TRIP = 64;
    /** A tenant's events a statement, at most, as the projector writes them. */
    private static final int EVENTS_PER_STATEMENT = ReadModelWriter.EVENTS_PER_STATEMENT;

    private final Connection connection;
    private final int rowsPerTransaction;
    private final int tenantsPerTrip;
    private final Map<UUID, List<ContextEvent>> pending = new LinkedHashMap<>();
    private int pendingRows;
    private long offset;
    private long tenants;
    private long transactions;

    AsLogged(Connection connection, int rowsPerTransaction, int tenantsPerTrip) {
        this.connection = connection;
        this.rowsPerTransaction = rowsPerTransaction;
        this.tenantsPerTrip = tenantsPerTrip;
    }

    void add(ContextEvent event) throws SQLException {
        pending.computeIfAbsent(event.getTenantId(), t -> new ArrayList<>()).add(event);
        if (++pendingRows == rowsPerTransaction) {
            commit();
        }
    }

    /** Rows committed so far. */
    long rows() {
        return offset;
    }

    /** Tenants of each transaction committed so far, summed. */
    long tenants() {
        return tenants;
    }

    long transactions() {
        return transactions;
    }

    /** Commits what is pending. */
    void finish() throws SQLException {
        if (pendingRows > 0) {
            commit();
        }
    }

    private void commit() throws SQLException {
        RawJdbcScenario.setLocal(connection, "search_path", RawJdbcScenario.SCHEMA);
        List<TenantStatement> trip = new ArrayList<>();
        int tripParameters = 0;
        for (List<ContextEvent> events : pending.values()) {
            for (int from = 0; from < events.size(); from += EVENTS_PER_STATEMENT) {
                TenantStatement statement = statement(events.subList(from, Math.min(events.size(), from + EVENTS_PER_STATEMENT)));
                if (trip.size() == tenantsPerTrip || tripParameters + statement.parameters().size() > MultiRowInsert.MOST_PARAMETERS) {
                    write(trip);
                    trip.clear();
                    tripParameters = 0;
                }
                trip.add(statement);
                tripParameters += statement.parameters().size();
            }
        }
        if (!trip.isEmpty()) {
            write(trip);
        }
        connection.commit();
        tenants += pending.size();
        transactions++;
        pending.clear();
        pendingRows = 0;
    }

    /** A tenant's setting and its statement for some of its events, which answers how many rows it wrote. */
    private record TenantStatement(String sql, List<Object> parameters, int rows) {
    }

    private TenantStatement statement(List<ContextEvent> events) {
        RawJdbcScenario.Insert decisions = RawJdbcScenario.decisions(events, offset);
        RawJdbcScenario.Insert rows = RawJdbcScenario.events(events, offset);
        offset += events.size();
        List<Object> parameters = new ArrayList<>();
        parameters.add(events.get(0).getTenantId().toString());
        parameters.addAll(decisions.parameters());
        parameters.addAll(rows.parameters());
        return new TenantStatement("SELECT set_config('app.tenant_id', ?, true); WITH d AS (" + decisions.sql()
                + " RETURNING 1), e AS (" + rows.sql() + " RETURNING 1) SELECT (SELECT count(*) FROM d) + (SELECT count(*) FROM e)",
                parameters, 2 * events.size());
    }

    /** One round trip: each statement's setting, then the statement. */
    private void write(List<TenantStatement> statements) throws SQLException {
        String sql = String.join("; ", statements.stream().map(TenantStatement::sql).toList());
        List<Object> parameters = statements.stream().flatMap(statement -> statement.parameters().stream()).toList();
        try (PreparedStatement prepared = connection.prepareStatement(sql)) {
            RawJdbcScenario.bind(prepared, parameters);
            prepared.execute(); // the first statement's setting
            for (TenantStatement statement : statements) {
                prepared.getMoreResults();
                try (ResultSet written = prepared.getResultSet()) {
                    written.next();
                    RawJdbcScenario.expect(statement.rows(), written.getInt(1)); // a ceiling that wrote less is no ceiling
                }
                prepared.getMoreResults(); // the next statement's setting
            }
        }
    }
}
