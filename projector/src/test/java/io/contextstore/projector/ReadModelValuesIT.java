package io.contextstore.projector;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.events.ContentHash;
import io.contextstore.events.ContextEvent;
import io.contextstore.events.DecisionRecorded;
import io.contextstore.events.TaskTracked;
import io.contextstore.platform.db.Database;
import io.contextstore.platform.db.ServiceRole;
import io.contextstore.platform.stats.SyncCounts;
import io.contextstore.projector.projection.LoggedEvent;
import io.contextstore.projector.store.ReadModelWriter;
import io.contextstore.testing.Infrastructure;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the writer puts in its rows is what the events hold, whatever characters they carry: quotes, backslashes, and
 * braces and commas that an array literal would split on, text outside the Basic Multilingual Plane, times to the
 * millisecond, absent values as NULL. The rows travel in composed multi-row statements, so a value could go wrong in
 * its encoding without failing the statement; this checks the values themselves, in a content kind, its event row,
 * a state kind and the statistics.
 */
class ReadModelValuesIT {

    private static final String HOSTILE = "\"quoted\" \\back\\slash {braces}, commas; 'single' \u00e9\u6f22\ud83d\ude00 \t\n"
            + "<b>&amp;</b> NULL null";
    private static final List<String> TAGS = List.of("a,b", "{c}", "\"q\"", "back\\slash", "NULL", "\ud83d\ude00");
    private static final Instant AT = Instant.parse("2026-12-04T23:59:58.123Z");

    private final Infrastructure infrastructure = Infrastructure.shared();
    private final Database database = Database.connect(infrastructure.settings(ServiceRole.PROJECTOR), "values-it");

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void everyValueReachesItsRowsAsTheEventHoldsIt() {
        UUID tenant = UUID.randomUUID();
        ContextEvent decision = event(tenant, "decision", new DecisionRecorded(HOSTILE, HOSTILE + "!", null, TAGS), "proj-\u00e9");
        ContextEvent task = event(tenant, "task", new TaskTracked("t-1", HOSTILE, "completed", null, null, 3, 0, 2), null);
        new ReadModelWriter(database, "values-it-" + UUID.randomUUID(), null, null)
                .apply(0, List.of(new LoggedEvent(0, 7, decision), new LoggedEvent(0, 8, task)), List.of(), 9);

        Map<String, Object> decisionRow = row(tenant, "SELECT title, decision, rationale, tags, project_id, occurred_at,"
                + " kafka_offset, event_id FROM decisions");
        assertThat(decisionRow.get("title")).isEqualTo(HOSTILE);
        assertThat(decisionRow.get("decision")).isEqualTo(HOSTILE + "!");
        assertThat(decisionRow.get("rationale")).isNull();
        assertThat(strings(decisionRow.get("tags"))).containsExactlyElementsOf(TAGS);
        assertThat(decisionRow.get("project_id")).isEqualTo("proj-\u00e9");
        assertThat(((Timestamp) decisionRow.get("occurred_at")).toInstant()).isEqualTo(AT);
        assertThat(decisionRow.get("kafka_offset")).isEqualTo(7L);
        assertThat(decisionRow.get("event_id")).isEqualTo(decision.getEventId());

        Map<String, Object> eventRow = row(tenant, "SELECT data ->> 'title' AS title, data -> 'tags' ->> 0 AS first_tag,"
                + " jsonb_typeof(data -> 'rationale') AS rationale, received_at, client_seq FROM context_events"
                + " WHERE kafka_offset = 7");
        assertThat(eventRow.get("title")).isEqualTo(HOSTILE);
        assertThat(eventRow.get("first_tag")).isEqualTo("a,b");
        assertThat(eventRow.get("rationale")).isEqualTo("null");
        assertThat(((Timestamp) eventRow.get("received_at")).toInstant()).isEqualTo(AT);
        assertThat(eventRow.get("client_seq")).isNull();

        Map<String, Object> taskRow = row(tenant, "SELECT description, status, tool_success_count, user_corrections, project_id,"
                + " last_offset FROM tasks");
        assertThat(taskRow).containsEntry("description", HOSTILE).containsEntry("status", "completed")
                .containsEntry("tool_success_count", 3).containsEntry("user_corrections", 2).containsEntry("last_offset", 8L);
        assertThat(taskRow.get("project_id")).isNull();
        assertThat(row(tenant, "SELECT sum(events) AS events, max(last_offset) AS last FROM (" + SyncCounts.BY_GROUP + ") counts"))
                .containsEntry("events", BigDecimal.valueOf(2)).containsEntry("last", 8L);
    }

    /** The fixture's event, in a project and at a time with milliseconds. */
    private static ContextEvent event(UUID tenant, String kind, Object payload, String project) {
        ContextEvent event = ProjectorFixture.event(tenant, ContentHash.of(Map.of("kind", kind, "title", HOSTILE)), payload);
        return ContextEvent.newBuilder(event).setProjectId(project).setOccurredAt(AT).setReceivedAt(AT).build();
    }

    private Map<String, Object> row(UUID tenant, String sql) {
        return database.inTenant(tenant, jdbc -> jdbc.sql(sql).query().singleRow());
    }

    private static List<String> strings(Object array) {
        try {
            return List.of((String[]) ((Array) array).getArray());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
