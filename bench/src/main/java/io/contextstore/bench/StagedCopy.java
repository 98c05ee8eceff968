package io.contextstore.bench;

import io.contextstore.events.ContextEvent;
import io.contextstore.events.DecisionRecorded;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The raw limit's second method: each batch is COPied into temporary tables of the projector role's own (COPY FROM is
 * refused on a table under row-level security; a temporary table has none), then moved into the real tables by one
 * {@code INSERT … SELECT} each, which the tables' policies check row by row as they check a multi-row INSERT.
 */
final class StagedCopy implements RawJdbcScenario.Load {

    private static final String DECISION_COLUMNS = "tenant_id, kafka_offset, event_id, user_id, device_id, project_id,"
            + " occurred_at, title, decision, rationale, tags";

    private final CopyManager copy;

    private StagedCopy(CopyManager copy) {
        this.copy = copy;
    }

    /** Creates the staging tables (emptied at every commit) on the connection. */
    static RawJdbcScenario.Load prepare(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE stage_events ON COMMIT DELETE ROWS AS SELECT " + RawJdbcScenario.COLUMNS
                    + ", log_hash FROM " + RawJdbcScenario.SCHEMA + ".context_events WITH NO DATA");
            s.execute("CREATE TEMP TABLE stage_decisions ON COMMIT DELETE ROWS AS SELECT " + DECISION_COLUMNS
                    + " FROM " + RawJdbcScenario.SCHEMA + ".decisions WITH NO DATA");
        }
        return new StagedCopy(c.unwrap(PGConnection.class).getCopyAPI());
    }

    @Override
    public void write(Connection c, List<ContextEvent> events, long firstOffset) throws SQLException {
        StringBuilder rows = new StringBuilder();
        StringBuilder decisions = new StringBuilder();
        for (int i = 0; i < events.size(); i++) {
            ContextEvent e = events.get(i);
            DecisionRecorded d = (DecisionRecorded) e.getPayload();
            String common = e.getTenantId() + "," + (firstOffset + i);
            rows.append(common).append(",0,").append(e.getEventId()).append(',').append(e.getContentHash())
                    .append(",decision,").append(quoted(e.getUserId())).append(',').append(quoted(e.getDeviceId()))
                    .append(",,,,").append(e.getOccurredAt()).append(',').append(e.getReceivedAt()).append(',')
                    .append(quoted(RawJdbcScenario.DATA)).append(',').append(e.getContentHash()).append(',')
                    .append(e.getContentHash()).append('\n');
            decisions.append(common).append(',').append(e.getEventId()).append(',').append(quoted(e.getUserId()))
                    .append(',').append(quoted(e.getDeviceId())).append(",,").append(e.getOccurredAt()).append(',')
                    .append(quoted(d.getTitle())).append(',').append(quoted(d.getDecision())).append(',')
                    .append(quoted(d.getRationale())).append(',').append(quoted("{" + String.join(",", d.getTags()) + "}"))
                    .append('\n');
        }
        try {
            copy.copyIn("COPY stage_events FROM STDIN WITH (FORMAT csv)", new StringReader(rows.toString()));
            copy.copyIn("COPY stage_decisions FROM STDIN WITH (FORMAT csv)", new StringReader(decisions.toString()));
        } catch (java.io.IOException e) {
            throw new SQLException(e);
        }
        try (Statement s = c.createStatement()) {
            // a ceiling that wrote fewer rows would be no ceiling
            RawJdbcScenario.expect(events.size(), s.executeUpdate("INSERT INTO context_events (" + RawJdbcScenario.COLUMNS
                    + ", log_hash) SELECT * FROM stage_events"));
            RawJdbcScenario.expect(events.size(), s.executeUpdate("INSERT INTO decisions (" + DECISION_COLUMNS
                    + ") SELECT * FROM stage_decisions"));
        }
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }
}
