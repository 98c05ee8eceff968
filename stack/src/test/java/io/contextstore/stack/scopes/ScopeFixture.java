package io.contextstore.stack.scopes;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.platform.db.Database;
import io.contextstore.platform.db.ServiceRole;
import io.contextstore.platform.tenancy.AuditGrants;
import io.contextstore.stack.RunningServices;
import io.contextstore.stack.admin.AdminCommand;
import io.contextstore.testing.ApiClient;
import io.contextstore.testing.Infrastructure;
import io.contextstore.testing.Tenants.TestTenant;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One tenant with a restricted project {@code acme}: alice and dana are on it through team {@code core}, bob (same
 * tenant) is in no team, carol audits the tenant; mallory's tenant has a project of the same name with herself on it. Every
 * project item carries the word "zebracorn", so a search finds exactly them. Set up through the operator commands.
 */
final class ScopeFixture {

    static final String PROJECT = "acme";
    static final String TEAM = "core";
    static final String WORD = "zebracorn";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The operator command's answer: exit status, standard output, standard error. */
    record Ran(int status, String out, String err) {
        JsonNode json() {
            return JSON.readTree(status == 0 ? out : err);
        }
    }

    final RunningServices services = RunningServices.shared();
    final ApiClient api = services.client();
    final TestTenant alice = services.tenants().create("alice");
    final TestTenant bob = services.tenants().member(alice.tenantId(), "bob");
    final TestTenant dana = services.tenants().member(alice.tenantId(), "dana");
    final TestTenant mallory = services.tenants().create("mallory");
    final String alices = api.login(alice.licenseKey(), "alices-laptop");
    final String bobs = api.login(bob.licenseKey(), "bobs-laptop");
    final String danas = api.login(dana.licenseKey(), "danas-laptop");
    final String mallorys = api.login(mallory.licenseKey(), "mallorys-laptop");
    final String carols = api.login(services.tenants().issue(alice.tenantId(), "carol", "auditor", null).key().value(), "audit");
    /** The last cursor each token's pushes answered: positions in that token's tenant's partition. */
    private final Map<String, Long> lastCursors = new HashMap<>();

    /** Alice's project items (5 kinds, one of them her personal message) and one tenant-wide decision; mallory's own. */
    static ScopeFixture withItems() {
        ScopeFixture f = new ScopeFixture();
        for (TestTenant owner : List.of(f.alice, f.mallory)) {
            String tenant = owner.tenantId().toString();
            assertThat(f.admin("team", "create", "--tenant", tenant, "--team", TEAM, "--json").json().get("created")
                    .booleanValue()).isTrue();
            assertThat(f.admin("project", "create", "--tenant", tenant, "--project", PROJECT, "--json").status()).isZero();
            assertThat(f.admin("team", "add-member", "--tenant", tenant, "--team", TEAM, "--user", owner.userId(), "--json")
                    .status()).isZero();
            if (owner == f.alice) {
                assertThat(f.admin("team", "add-member", "--tenant", tenant, "--team", TEAM, "--user", "dana").status()).isZero();
            }
            assertThat(f.admin("project", "add-team", "--tenant", tenant, "--project", PROJECT, "--team", TEAM, "--json")
                    .status()).isZero();
        }
        f.push(f.alices, Map.of("kind", "decision", "project_id", PROJECT, "title", "Rotate the vendor key " + WORD,
                "decision", "quarterly"));
        f.push(f.alices, Map.of("kind", "learning", "project_id", PROJECT, "scope", "project", "skill", "deploys " + WORD,
                "learning", "blue-green only"));
        f.push(f.alices, Map.of("kind", "message", "project_id", PROJECT, "session_id", "s1", "message_id", "m1",
                "role", "user", "content", "the " + WORD + " roadmap"));
        f.push(f.alices, Map.of("kind", "project_context", "project_id", PROJECT, "title", "Overview " + WORD,
                "content", "the client's stack"));
        f.push(f.alices, Map.of("kind", "error_solution", "project_id", PROJECT, "error", "vendor API 429 " + WORD,
                "solution", "back off"));
        f.push(f.alices, Map.of("kind", "decision", "title", "Everyone reads this", "decision", "tenant-wide"));
        f.push(f.mallorys, Map.of("kind", "decision", "project_id", PROJECT, "title", "Mallory's " + WORD,
                "decision", "elsewhere"));
        f.awaitSearchable();
        return f;
    }

    /** Lets carol (an auditor of alice's tenant) replay it through the audit API. */
    void grantAudit() {
        try (Database admin = Database.connect(services.infrastructure().settings(ServiceRole.ADMIN), "scope-test-grants")) {
            new AuditGrants(admin).grant(alice.tenantId(), new AuditGrants.Auditor(alice.tenantId(), "carol"), Instant.now());
        }
    }

    JsonNode push(String token, Map<String, Object> item) {
        ApiClient.Response response = api.post("/api/v1/context/push", token, ApiClient.json(item));
        assertThat(response.status()).as(response.body()).isIn(200, 201);
        lastCursors.merge(token, response.json().get("cursor").longValue(), Math::max);
        return response.json();
    }

    /** Until every push so far is projected and indexed for search (which is behind the projector). */
    void awaitSearchable() {
        lastCursors.forEach(this::awaitSearchable);
    }

    /** Until the token's tenant is projected and indexed up to {@code cursor}. */
    void awaitSearchable(String token, long cursor) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                api.get("/api/v1/context/status", token).json().get("search_watermark").longValue() >= cursor);
    }

    /** Every event a token pulls from the beginning, paging to the end. */
    List<JsonNode> pullAll(String token, String query) {
        List<JsonNode> events = new ArrayList<>();
        long cursor = 0;
        while (true) {
            JsonNode page = api.get("/api/v1/context/pull?limit=100&cursor=" + cursor + query, token).json();
            page.get("events").forEach(events::add);
            cursor = page.get("next_cursor").longValue();
            if (!page.get("has_more").booleanValue()) {
                return events;
            }
        }
    }

    /** Runs one statement as {@code role} in a transaction with the settings ReadScope sets; its single number. */
    long count(ServiceRole role, UUID tenant, String user, String userRole, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(services.infrastructure().databaseUrl(), role.roleName(),
                Infrastructure.password(role))) {
            c.setAutoCommit(false);
            set(c, "app.tenant_id", tenant.toString());
            set(c, "app.user_id", user);
            set(c, "app.role", userRole);
            try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
                rs.next();
                long value = rs.getLong(1);
                c.rollback();
                return value;
            }
        }
    }

    private static void set(Connection c, String name, String value) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT set_config(?, ?, true)")) {
            s.setString(1, name);
            s.setString(2, value);
            s.execute();
        }
    }

    /** {@code contextstore admin ...} against the test database, as operators run it. */
    Ran admin(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--database-url", services.infrastructure().databaseUrl(),
                "--database-password", Infrastructure.password(ServiceRole.ADMIN)));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = new CommandLine(new AdminCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(all.toArray(String[]::new));
        return new Ran(status, out.toString().strip(), err.toString().strip());
    }
}
