package io.contextstore.bench;

import io.contextstore.events.ContextEvent;
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
 * The raw limit of a many-tenant mix: rows arrive as the log holds them, a transaction takes one projector poll's worth,
 * and each tenant in it costs one round trip, which sets the tenant for row-level security and inserts its rows into
 * both tables. Row-level security needs the setting once per tenant per transaction, so this is the least a legal load of
 * the same rows in the same order can send; one tenant's 500-row batches are an easier shape no streaming consumer gets.
 */
final class AsLogged {

    private final Connection connection;
    private final int rowsPerTransaction;
    private final Map<UUID, List<ContextEvent>> pending = new LinkedHashMap<>();
    private int pendingRows;
    private long offset;

    AsLogged(Connection connection, int rowsPerTransaction) {
        this.connection = connection;
        this.rowsPerTransaction = rowsPerTransaction;
    }

    void add(ContextEvent event) throws SQLException {
        pending.computeIfAbsent(event.getTenantId(), t -> new ArrayList<>()).add(event);
        if (++pendingRows == rowsPerTransaction) {
            commit();
        }
    }

    /** Commits what is pending; returns every row written. */
    long finish() throws SQLException {
        if (pendingRows > 0) {
            commit();
        }
        return offset;
    }

    private void commit() throws SQLException {
        RawJdbcScenario.setLocal(connection, "search_path", RawJdbcScenario.SCHEMA);
        for (List<ContextEvent> events : pending.values()) {
            write(events);
            offset += events.size();
        }
        connection.commit();
        pending.clear();
        pendingRows = 0;
    }

    private void write(List<ContextEvent> events) throws SQLException {
        RawJdbcScenario.Insert decisions = RawJdbcScenario.decisions(events, offset);
        RawJdbcScenario.Insert rows = RawJdbcScenario.events(events, offset);
        List<Object> parameters = new ArrayList<>(1 + decisions.parameters().size() + rows.parameters().size());
        parameters.add(events.get(0).getTenantId().toString());
        parameters.addAll(decisions.parameters());
        parameters.addAll(rows.parameters());
        String sql = "SELECT set_config('app.tenant_id', ?, true); WITH d AS (" + decisions.sql() + " RETURNING 1), e AS ("
                + rows.sql() + " RETURNING 1) SELECT (SELECT count(*) FROM d) + (SELECT count(*) FROM e)";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            RawJdbcScenario.bind(statement, parameters);
            statement.execute();
            statement.getMoreResults();
            try (ResultSet written = statement.getResultSet()) {
                written.next();
                RawJdbcScenario.expect(2 * events.size(), written.getInt(1)); // a ceiling that wrote less is no ceiling
            }
        }
    }
}
