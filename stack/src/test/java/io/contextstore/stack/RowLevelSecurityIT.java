package io.contextstore.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contextstore.events.EventKind;
import io.contextstore.platform.db.Database;
import io.contextstore.platform.db.DatabaseSettings;
import io.contextstore.platform.db.ServiceRole;
import io.contextstore.testing.ApiClient;
import io.contextstore.testing.Infrastructure;
import io.contextstore.testing.Tenants.TestTenant;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Invariant I3 in the database itself: every tenant table forces row-level security, no service
 * role can escape it, and no statement run as a service role reaches another tenant's rows.
 */
class RowLevelSecurityIT {

    private static final RunningServices services = RunningServices.shared();
    private static final Infrastructure infrastructure = services.infrastructure();
    private static TestTenant victim;
    private static TestTenant attacker;

    @BeforeAll
    static void twoTenantsWithData() {
        ApiClient api = services.client();
        victim = services.tenants().create("victim");
        attacker = services.tenants().create("attacker");
        for (TestTenant tenant : List.of(victim, attacker)) {
            String token = api.login(tenant.licenseKey(), "d");
            api.post("/api/v1/context/decisions/", token, ApiClient.json(Map.of("title", "t", "decision", "d")));
            api.post("/api/v1/context/messages/", token, ApiClient.json(Map.of("message_id", "m", "session_id", "s",
                    "role", "user", "content", "secret")));
            long last = api.post("/api/v1/context/tasks/", token, ApiClient.json(Map.of("task_id", "t",
                    "description", "d", "status", "pending"))).json().get("cursor").longValue();
            // at rest before any test counts rows: projected, and indexed for search (the indexer writes behind)
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                JsonNode status = api.get("/api/v1/context/status", token).json();
                return status.get("watermark").longValue() >= last && status.get("search_watermark").longValue() >= last;
            });
        }
    }

    @Test
    void everyTenantTableEnablesAndForcesRowLevelSecurityWithATenantPolicy() throws SQLException {
        List<String> tables = tenantTables();
        assertThat(tables).contains("tenants", "license_keys", "dedup_index", "context_events", "messages", "tasks",
                "decisions", "skill_learnings", "error_solutions", "project_contexts", "sync_stats", "tenant_streams",
                "teams", "team_members", "projects", "project_teams");
        try (Connection owner = infrastructure.ownerConnection(); Statement s = owner.createStatement()) {
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("SELECT relrowsecurity, relforcerowsecurity FROM pg_class WHERE oid = '"
                        + table + "'::regclass")) {
                    rs.next();
                    assertThat(rs.getBoolean(1)).as(table + " ENABLE ROW LEVEL SECURITY").isTrue();
                    // search_documents is read only through search_matches(), owned by the owner (ADR 0030):
                    // not forced, so that function can use its index; subject_keys only through tenants_to_rewrap()
                    // (ADR 0033), which answers tenant ids; every service role is still bound
                    assertThat(rs.getBoolean(2) || OWNER_READS_THROUGH_A_FUNCTION.contains(table))
                            .as(table + " FORCE ROW LEVEL SECURITY").isTrue();
                }
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_policies WHERE tablename = '" + table
                        + "' AND permissive = 'PERMISSIVE' AND qual LIKE '%tenant_id%app.tenant_id%'"
                        + " AND (with_check IS NULL OR with_check LIKE '%tenant_id%app.tenant_id%')")) {
                    rs.next();
                    assertThat(rs.getInt(1)).as(table + " tenant policy").isGreaterThanOrEqualTo(1);
                }
            }
        }
    }

    /**
     * The project boundary (ADR 36): every table the query role reads a member's rows from has a restrictive policy
     * for that role, so no query, however written, reads a project's rows for a user outside it.
     */
    @Test
    void everyTableTheQueryRoleReadsItemsFromHasARestrictiveScopePolicyForIt() throws SQLException {
        List<String> tables = new ArrayList<>(List.of("context_events", "sync_stats"));
        for (EventKind kind : EventKind.values()) {
            tables.add(kind.table());
        }
        try (Connection owner = infrastructure.ownerConnection(); Statement s = owner.createStatement()) {
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_policies WHERE schemaname = 'public'"
                        + " AND tablename = '" + table + "' AND policyname = 'scope_isolation' AND permissive = 'RESTRICTIVE'"
                        + " AND cmd = 'SELECT' AND roles = '{cs_query}'")) {
                    rs.next();
                    assertThat(rs.getInt(1)).as(table + " scope policy").isEqualTo(1);
                }
            }
            // the policies reach membership through a function outside every schema a rebuild moves or drops (ADR 11)
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_depend d JOIN pg_policy p ON p.oid = d.objid"
                    + " JOIN pg_proc f ON f.oid = d.refobjid JOIN pg_namespace n ON n.oid = f.pronamespace"
                    + " WHERE d.classid = 'pg_policy'::regclass AND d.refclassid = 'pg_proc'::regclass"
                    + " AND p.polname = 'scope_isolation' AND n.nspname <> 'cs_access'")) {
                rs.next();
                assertThat(rs.getInt(1)).as("scope policies depending on functions outside cs_access").isZero();
            }
        }
    }

    /**
     * The search indexer's one cross-tenant question (ADR 44) answers tenant ids and offsets, and only the projector's
     * role may ask it; the owner's read policies behind it open nothing to a service role.
     */
    @Test
    void onlyTheProjectorMayAskWhichTenantsSearchLagsAndItLearnsIdsAndOffsetsOnly() throws SQLException {
        for (ServiceRole role : ServiceRole.values()) {
            try (Connection c = connect(role); Statement s = c.createStatement()) {
                if (role == ServiceRole.PROJECTOR) {
                    try (ResultSet rs = s.executeQuery("SELECT * FROM search_lagging(5)")) {
                        assertThat(rs.getMetaData().getColumnCount()).isEqualTo(2);
                        assertThat(rs.getMetaData().getColumnTypeName(1)).isEqualTo("uuid");
                        assertThat(rs.getMetaData().getColumnTypeName(2)).isEqualTo("int8");
                    }
                    try (ResultSet rs = s.executeQuery("SELECT count(*) FROM tenant_streams")) {
                        rs.next();
                        assertThat(rs.getLong(1)).as("tenant_streams without a tenant, as the projector").isZero();
                    }
                } else {
                    assertThatThrownBy(() -> s.executeQuery("SELECT * FROM search_lagging(5)"))
                            .as(role + " asks search_lagging()").isInstanceOfSatisfying(SQLException.class,
                                    e -> assertThat(e.getSQLState()).isEqualTo("42501"));
                }
            }
        }
        // the owner's read across tenants lasts only while the function runs
        try (Connection owner = infrastructure.ownerConnection(); Statement s = owner.createStatement();
             Connection superuser = infrastructure.superuserConnection(); Statement all = superuser.createStatement()) {
            for (String table : List.of("tenant_streams", "search_positions")) {
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> count(all, table) > 0);
                assertThat(count(s, table)).as("the owner reads " + table + " without a tenant").isZero();
            }
        }
    }

    @Test
    void noServiceRoleIsSuperuserOwnerOrBypassesRowLevelSecurity() throws SQLException {
        try (Connection owner = infrastructure.ownerConnection(); Statement s = owner.createStatement()) {
            for (ServiceRole role : ServiceRole.values()) {
                try (ResultSet rs = s.executeQuery("SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb,"
                        + " (SELECT count(*) FROM pg_class WHERE relowner = r.oid),"
                        + " pg_has_role(r.oid, 'cs_owner', 'MEMBER')"
                        + " FROM pg_roles r WHERE rolname = '" + role.roleName() + "'")) {
                    assertThat(rs.next()).as(role + " exists").isTrue();
                    assertThat(rs.getBoolean(1)).as(role + " superuser").isFalse();
                    assertThat(rs.getBoolean(2)).as(role + " bypassrls").isFalse();
                    assertThat(rs.getBoolean(3)).as(role + " createrole").isFalse();
                    assertThat(rs.getBoolean(4)).as(role + " createdb").isFalse();
                    assertThat(rs.getLong(5)).as(role + " owns tables").isZero();
                    assertThat(rs.getBoolean(6)).as(role + " member of the owner").isFalse();
                }
            }
        }
    }

    @Test
    void asEveryServiceRoleNoStatementScopedToOneTenantReadsOrChangesAnother() throws SQLException {
        long before = victimRows();
        for (ServiceRole role : ServiceRole.values()) {
            for (String table : tenantTables()) {
                try (Connection c = connect(role)) {
                    c.setAutoCommit(false);
                    scope(c, attacker.tenantId());
                    assertThat(attempt(c, "SELECT count(*) FROM " + table + " WHERE tenant_id = ?"))
                            .as(role + " SELECT " + table).isIn(0L, null);
                    assertThat(attempt(c, "UPDATE " + table + " SET tenant_id = tenant_id WHERE tenant_id = ?"))
                            .as(role + " UPDATE " + table).isIn(0L, null);
                    assertThat(attempt(c, "DELETE FROM " + table + " WHERE tenant_id = ?"))
                            .as(role + " DELETE " + table).isIn(0L, null);
                    String columns = insertableColumns(table);
                    assertThat(attempt(c, "INSERT INTO " + table + " (" + columns + ") SELECT " + columns
                            + " FROM (SELECT (json_populate_record(own, json_build_object('tenant_id', ?::text))).* FROM "
                            + table + " own) AS forged"))
                            .as(role + " INSERT " + table + " as the other tenant").isIn(0L, null);
                    assertThat(attempt(c, "UPDATE " + table + " SET tenant_id = ?"))
                            .as(role + " UPDATE " + table + " into the other tenant").isIn(0L, null);
                    c.rollback();
                }
            }
        }
        assertThat(victimRows()).isEqualTo(before);
    }

    @Test
    void withoutATenantSettingEveryTenantTableShowsNoRowsAndNoError() throws SQLException {
        for (ServiceRole role : ServiceRole.values()) {
            try (Connection c = connect(role); Statement s = c.createStatement()) {
                for (String table : tenantTables()) {
                    try {
                        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
                            rs.next();
                            assertThat(rs.getLong(1)).as(role + " " + table).isZero();
                        }
                    } catch (SQLException e) {
                        assertThat(e.getSQLState()).as(role + " " + table + ": " + e.getMessage()).isEqualTo("42501");
                    }
                }
            }
        }
    }

    @Test
    void aPooledConnectionReusedAfterAFailedTransactionCarriesNoTenant() {
        DatabaseSettings settings = infrastructure.settings(ServiceRole.QUERY);
        try (Database pool = Database.connect(new DatabaseSettings(settings.url(), settings.username(),
                settings.password(), 1, Duration.ofSeconds(2)), "rls-test")) {
            Long visibleInScope = pool.readInTenant(victim.tenantId(), jdbc ->
                    jdbc.sql("SELECT count(*) FROM decisions").query(Long.class).single());
            assertThat(visibleInScope).isEqualTo(1L);
            assertThatThrownBy(() -> pool.inTenant(victim.tenantId(), jdbc ->
                    jdbc.sql("SELECT 1 / 0").query(Long.class).single())).isInstanceOf(RuntimeException.class);

            Long visibleWithoutTenant = pool.withoutTenant(jdbc ->
                    jdbc.sql("SELECT count(*) FROM decisions").query(Long.class).single());

            assertThat(visibleWithoutTenant).isZero();
            Long victimsSeenFromAttacker = pool.readInTenant(attacker.tenantId(), jdbc -> jdbc.sql(
                    "SELECT count(*) FROM decisions WHERE tenant_id = ?").param(victim.tenantId()).query(Long.class).single());
            assertThat(victimsSeenFromAttacker).isZero();
        }
    }

    @Test
    void theQueryRoleSeesOnlyItsOwnUsersSessionRowsInsideTheTenant() throws SQLException {
        try (Connection c = connect(ServiceRole.QUERY)) {
            c.setAutoCommit(false);
            scope(c, victim.tenantId());
            set(c, "app.user_id", "someone-else");
            set(c, "app.role", "member");
            assertThat(count(c, "SELECT count(*) FROM messages")).isZero();
            assertThat(count(c, "SELECT count(*) FROM tasks")).isZero();
            assertThat(count(c, "SELECT count(*) FROM context_events WHERE kind IN ('message', 'task')")).isZero();
            assertThat(count(c, "SELECT count(*) FROM decisions")).isEqualTo(1);
            set(c, "app.user_id", "victim");
            assertThat(count(c, "SELECT count(*) FROM messages")).isEqualTo(1);
            c.rollback();
        }
    }

    private static long victimRows() throws SQLException {
        long total = 0;
        try (Connection owner = infrastructure.ownerConnection()) {
            owner.setAutoCommit(false);
            scope(owner, victim.tenantId());
            for (String table : tenantTables()) {
                total += count(owner, "SELECT count(*) FROM " + table);
            }
            owner.rollback();
        }
        return total;
    }

    /** Runs one statement with the victim's id; the row count, or null if the database refused it. */
    private static Long attempt(Connection c, String sql) throws SQLException {
        Statement savepoint = c.createStatement();
        savepoint.execute("SAVEPOINT attempt");
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setObject(1, sql.contains("::text") ? victim.tenantId().toString() : victim.tenantId());
            if (statement.execute()) {
                try (ResultSet rs = statement.getResultSet()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
            return (long) statement.getUpdateCount();
        } catch (SQLException refused) {
            // 42501: no privilege, or "new row violates row-level security policy"
            assertThat(refused.getSQLState()).as(sql + ": " + refused.getMessage()).isEqualTo("42501");
            savepoint.execute("ROLLBACK TO SAVEPOINT attempt");
            return null;
        }
    }

    /** The columns a row can be written with (not the generated ones, such as the search document). */
    private static String insertableColumns(String table) throws SQLException {
        try (Connection owner = infrastructure.ownerConnection();
             PreparedStatement s = owner.prepareStatement("""
                     SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) FROM pg_attribute
                     WHERE attrelid = ('public.' || quote_ident(?))::regclass AND attnum > 0 AND NOT attisdropped
                       AND attgenerated = ''""")) {
            s.setString(1, table);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /**
     * Tenant ids and offsets only, no content: the search indexer (cs_projector) lists them across
     * tenants by design (ADR 0030); every other role is bound by a tenant policy or has no grant.
     */
    private static final List<String> INDEXER_POSITIONS = List.of("search_positions");

    private static final List<String> OWNER_READS_THROUGH_A_FUNCTION = List.of("search_documents", "subject_keys");

    private static List<String> tenantTables() throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection owner = infrastructure.ownerConnection(); Statement s = owner.createStatement();
             ResultSet rs = s.executeQuery("""
                     SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                     JOIN pg_attribute a ON a.attrelid = c.oid
                     WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attname = 'tenant_id' AND NOT a.attisdropped
                     ORDER BY 1""")) {
            while (rs.next()) {
                if (!INDEXER_POSITIONS.contains(rs.getString(1))) {
                    tables.add(rs.getString(1));
                }
            }
        }
        return tables;
    }

    private static long count(Statement statement, String table) throws SQLException {
        try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Connection connect(ServiceRole role) throws SQLException {
        return DriverManager.getConnection(infrastructure.databaseUrl(), role.roleName(), Infrastructure.password(role));
    }

    private static void scope(Connection c, UUID tenant) throws SQLException {
        set(c, "app.tenant_id", tenant.toString());
    }

    private static void set(Connection c, String name, String value) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT set_config(?, ?, true)")) {
            s.setString(1, name);
            s.setString(2, value);
            s.execute();
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
