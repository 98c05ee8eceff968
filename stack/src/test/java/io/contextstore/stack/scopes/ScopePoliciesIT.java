package io.contextstore.stack.scopes;

import static io.contextstore.stack.scopes.ScopeFixture.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.events.EventKind;
import io.contextstore.platform.db.ServiceRole;
import io.contextstore.platform.stats.SyncCounts;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The project boundary is the database's (ADR 36), not the queries': statements written to read everything, run
 * as each service role with each user's settings, see a project's rows exactly when the policies allow. The query
 * role reads as a user: a member sees them, a member of the same tenant outside the project does not, another
 * tenant does not. The projector and auditor roles read no user's view (they write and replay the whole tenant),
 * still only inside the tenant; ingest and admin have no grant on the read model at all.
 */
class ScopePoliciesIT {

    private static ScopeFixture f;

    @BeforeAll
    static void aProjectWithItems() {
        f = ScopeFixture.withItems();
        // and one more project item, retracted (ADR 39): a row of the retraction kind and two versions of an item
        JsonNode notes = f.push(f.alices, Map.of("kind", "project_context", "project_id", PROJECT, "title", "Old notes",
                "content", "superseded"));
        f.push(f.alices, Map.of("kind", "retraction", "project_id", PROJECT, "reason", "obsolete", "supersedes",
                Map.of("id", notes.get("id").stringValue(), "versions", List.of(notes.get("cursor").longValue()))));
        f.awaitSearchable();
    }

    /** Every table a member's view of the project's rows is read from, with a statement naming no user or project. */
    private static List<String> statements() {
        List<String> statements = new ArrayList<>(List.of(
                "SELECT count(*) FROM context_events WHERE project_id = '" + PROJECT + "'",
                "SELECT coalesce(sum(events), 0) FROM (" + SyncCounts.BY_GROUP + ") counts WHERE project_scope = '" + PROJECT + "'",
                "SELECT count(*) FROM item_versions"));
        Stream.of(EventKind.values()).filter(kind -> !kind.isState()).forEach(kind -> statements.add(
                "SELECT count(*) FROM " + kind.table() + " WHERE project_id = '" + PROJECT + "'"));
        return statements;
    }

    @Test
    void asTheQueryRoleOnlyAMemberOfTheProjectReadsItsRowsThroughEveryTable() throws SQLException {
        for (String sql : statements()) {
            assertThat(count(ServiceRole.QUERY, f.alice.tenantId(), "alice", "member", sql)).as("alice: " + sql).isPositive();
            assertThat(count(ServiceRole.QUERY, f.alice.tenantId(), "bob", "member", sql)).as("bob: " + sql).isZero();
            assertThat(count(ServiceRole.QUERY, f.alice.tenantId(), "carol", "auditor", sql)).as("auditor: " + sql)
                    .isPositive();
            assertThat(count(ServiceRole.QUERY, f.mallory.tenantId(), "alice", "member", sql)
                    - count(ServiceRole.QUERY, f.mallory.tenantId(), "mallory", "member", sql))
                    .as("alice's settings in mallory's tenant see at most what mallory sees: " + sql).isNotPositive();
        }
        String theirs = "SELECT count(*) FROM context_events WHERE tenant_id = '" + f.alice.tenantId() + "'";
        assertThat(count(ServiceRole.QUERY, f.mallory.tenantId(), "mallory", "member", theirs)).isZero();
    }

    @Test
    void searchMatchesAsTheQueryRoleFindsTheProjectsDocumentsForAMemberOnly() throws SQLException {
        String sql = "SELECT count(*) FROM search_matches(to_tsquery('english', '" + ScopeFixture.WORD + "'),"
                + " to_tsquery('english', '" + ScopeFixture.WORD + "'), null, null, null, null, 100, 1000)";
        assertThat(count(ServiceRole.QUERY, f.alice.tenantId(), "alice", "member", sql)).isEqualTo(5);
        assertThat(count(ServiceRole.QUERY, f.alice.tenantId(), "bob", "member", sql)).isZero();
        assertThat(count(ServiceRole.QUERY, f.mallory.tenantId(), "alice", "member", sql)).isZero();
        assertThat(count(ServiceRole.QUERY, f.mallory.tenantId(), "mallory", "member", sql)).isEqualTo(1);
    }

    @Test
    void theRolesThatReadNoUsersViewStayInsideTheTenantAndTheOthersHaveNoGrant() throws SQLException {
        String sql = "SELECT count(*) FROM context_events WHERE project_id = '" + PROJECT + "'";
        for (ServiceRole role : List.of(ServiceRole.PROJECTOR, ServiceRole.AUDITOR)) {
            assertThat(count(role, f.alice.tenantId(), "bob", "member", sql)).as(role + " in the tenant").isEqualTo(7);
            assertThat(count(role, f.mallory.tenantId(), "alice", "member",
                    "SELECT count(*) FROM context_events WHERE tenant_id = '" + f.alice.tenantId() + "'"))
                    .as(role + " from another tenant").isZero();
        }
        for (ServiceRole role : List.of(ServiceRole.INGEST, ServiceRole.ADMIN)) {
            assertThat(refusal(role, sql)).as(role.roleName()).isEqualTo("42501");
        }
    }

    private static long count(ServiceRole role, UUID tenant, String user, String userRole, String sql) throws SQLException {
        return f.count(role, tenant, user, userRole, sql);
    }

    private static String refusal(ServiceRole role, String sql) {
        try {
            count(role, f.alice.tenantId(), "alice", "member", sql);
            return "read";
        } catch (SQLException refused) {
            return refused.getSQLState();
        }
    }
}
