package io.contextstore.query.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contextstore.platform.auth.AccessToken;
import io.contextstore.platform.db.ServiceRole;
import io.contextstore.query.ReadBarrier;
import io.contextstore.testing.ApiClient;
import io.contextstore.testing.ApiClient.Response;
import io.contextstore.testing.Infrastructure;
import io.contextstore.testing.Tenants.TestTenant;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.SqlParameterValue;
import tools.jackson.databind.JsonNode;

/** Search through the real APIs, broker, projector and database: what it finds, in which order, for whom. */
class SearchIT {

    private static final SearchFixture fixture = SearchFixture.shared();
    private static final ApiClient api = fixture.client();
    private static TestTenant alice;
    private static TestTenant stranger;
    private static String alices;
    private static String bobs;
    private static String auditors;
    private static String strangers;

    @BeforeAll
    static void aTeamWithDecisionsErrorsAndPrivateMessages() {
        alice = fixture.tenants().create("alice");
        alices = api.login(alice.licenseKey(), "laptop");
        bobs = api.login(fixture.tenants().member(alice.tenantId(), "bob").licenseKey(), "bobs-laptop");
        auditors = api.login(fixture.tenants().issue(alice.tenantId(), "carol", "auditor", null).key().value(), "audit");
        stranger = fixture.tenants().create("mallory");
        strangers = api.login(stranger.licenseKey(), "elsewhere");
        push(alices, Map.of("kind", "decision", "title", "Kafka is the system of record",
                "decision", "Every write becomes an event; PostgreSQL holds projections", "tags", List.of("architecture")));
        push(alices, Map.of("kind", "learning", "skill", "maven reactor builds",
                "learning", "Use -pl with -am so sibling modules are built from source, never install snapshots"));
        push(alices, Map.of("kind", "error_solution", "error", "initdb: cannot be run as root",
                "solution", "run it under unshare -U as an unprivileged user"));
        push(alices, Map.of("kind", "error_solution", "error", "connect ECONNREFUSED 127.0.0.1:5432",
                "solution", "start the embedded PostgreSQL first", "context", "node integration tests"));
        push(alices, Map.of("kind", "error_solution",
                "error", "java.lang.IllegalStateException: Failed to load ApplicationContext",
                "solution", "a bean needs a property the test did not set"));
        // a title hit and a body hit of the same word
        push(alices, Map.of("kind", "decision", "title", "Flyway owns the schema",
                "decision", "Migrations run as the owner role"));
        push(alices, Map.of("kind", "decision", "title", "Services use their own roles",
                "decision", "No service connects as the owner; Flyway runs once per rollout"));
        push(alices, Map.of("kind", "message", "message_id", "m1", "session_id", "s1", "role", "user",
                "content", "my private note about the zeppelin launch"));
        push(alices, Map.of("kind", "task", "task_id", "t1", "description", "Ship the zeppelin dashboard",
                "status", "in_progress"));
        long strangersLast = push(strangers, Map.of("kind", "decision", "title", "Zeppelin Kafka for the stranger",
                "decision", "Flyway ECONNREFUSED initdb everywhere"));
        for (int i = 0; i < 7; i++) {
            push(alices, Map.of("kind", "learning", "skill", "paging sample " + i, "learning", "quokka facts number " + i));
        }
        long last = push(alices, Map.of("kind", "task", "task_id", "t1", "description", "Ship the zeppelin dashboard",
                "status", "completed", "outcome", "shipped"));
        fixture.awaitSearchable(alices, last);
        fixture.awaitSearchable(strangers, strangersLast);
    }

    @Test
    void findsItemsByWordsOfTheirTitleAndOfTheirBody() {
        assertThat(titles(search(alices, "system of record"))).containsExactly("Kafka is the system of record");
        assertThat(titles(search(alices, "projections"))).containsExactly("Kafka is the system of record");
        assertThat(titles(search(alices, "snapshots sibling"))).containsExactly("maven reactor builds");
        assertThat(titles(search(alices, "architecture"))).containsExactly("Kafka is the system of record");
    }

    @Test
    void findsErrorsByDistinctiveFragmentsOfTheirText() {
        Map<String, String> fragments = new LinkedHashMap<>();
        fragments.put("initdb", "initdb: cannot be run as root");
        fragments.put("\"cannot be run as root\"", "initdb: cannot be run as root");
        fragments.put("initdb: cannot be run as root", "initdb: cannot be run as root");
        fragments.put("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:5432");
        fragments.put("127.0.0.1:5432", "connect ECONNREFUSED 127.0.0.1:5432");
        fragments.put("5432", "connect ECONNREFUSED 127.0.0.1:5432");
        fragments.put("IllegalStateException", "java.lang.IllegalStateException: Failed to load ApplicationContext");
        fragments.put("java.lang.IllegalStateException", "java.lang.IllegalStateException: Failed to load ApplicationContext");
        fragments.put("ApplicationContext", "java.lang.IllegalStateException: Failed to load ApplicationContext");
        fragments.put("failed to load applicationcontext", "java.lang.IllegalStateException: Failed to load ApplicationContext");
        fragments.forEach((query, error) -> {
            JsonNode hits = search(alices, query).get("hits");
            assertThat(hits).as(query).isNotEmpty();
            assertThat(hits.get(0).get("title").stringValue()).as(query).isEqualTo(error);
            assertThat(hits.get(0).get("kind").stringValue()).isEqualTo("error_solution");
        });
    }

    @Test
    void aHitInTheTitleRanksAboveAHitOnlyInTheBodyAndRecencyBreaksTies() {
        assertThat(titles(search(alices, "flyway"))).containsExactly("Flyway owns the schema", "Services use their own roles");
        assertThat(titles(search(alices, "quokka"))).startsWith("paging sample 6", "paging sample 5");
    }

    @Test
    void aHitCarriesItsPositionAuthorSnippetAndData() {
        JsonNode hit = search(alices, "unprivileged").get("hits").get(0);

        assertThat(hit.get("offset").longValue() + 1).isEqualTo(hit.get("cursor").longValue());
        assertThat(hit.get("user_id").stringValue()).isEqualTo("alice");
        assertThat(hit.get("device_id").stringValue()).isEqualTo("laptop");
        assertThat(hit.get("snippet").stringValue()).contains("«unprivileged»");
        assertThat(hit.get("data").get("solution").stringValue()).isEqualTo("run it under unshare -U as an unprivileged user");
        assertThat(hit.get("rank").floatValue()).isPositive();
        assertThat(hit.get("id").stringValue()).isNotBlank();
        assertThat(hit.has("occurred_at")).isTrue();
    }

    @Test
    void aTaskIsFoundOnceByItsLatestState() {
        JsonNode hits = search(alices, "zeppelin dashboard", 20, "task").get("hits");

        assertThat(hits).hasSize(1);
        assertThat(hits.get(0).get("data").get("status").stringValue()).isEqualTo("completed");
    }

    @Test
    void itemsWithOnlySomeOfTheWordsComeAfterEveryItemWithAllOfThem() {
        assertThat(titles(search(alices, "zeppelin dashboard"))).containsExactly("Ship the zeppelin dashboard",
                "my private note about the zeppelin launch");
        assertThat(titles(search(alices, "flyway owner quokka")).subList(0, 2))
                .containsExactly("Flyway owns the schema", "Services use their own roles");
    }

    @Test
    void anExcludedWordExcludesAlsoAmongPartialMatches() {
        assertThat(titles(search(alices, "flyway -schema"))).containsExactly("Services use their own roles");
        assertThat(titles(search(alices, "zeppelin -dashboard"))).containsExactly("my private note about the zeppelin launch");
    }

    @Test
    void membersFindTeamItemsButNeverATeammatesMessagesOrTasksNorAnotherTenantsItems() {
        assertThat(kinds(search(alices, "zeppelin"))).containsExactlyInAnyOrder("message", "task");
        assertThat(kinds(search(bobs, "zeppelin"))).isEmpty();
        assertThat(kinds(search(bobs, "flyway"))).containsExactly("decision", "decision");
        assertThat(kinds(search(auditors, "zeppelin"))).containsExactlyInAnyOrder("message", "task");
        assertThat(titles(search(strangers, "zeppelin"))).containsExactly("Zeppelin Kafka for the stranger");
        for (String token : List.of(alices, bobs, auditors)) {
            assertThat(titles(search(token, "stranger"))).isEmpty();
            assertThat(titles(search(token, "kafka"))).doesNotContain("Zeppelin Kafka for the stranger");
        }
        assertThat(titles(search(strangers, "initdb"))).containsExactly("Zeppelin Kafka for the stranger");
    }

    @Test
    void pagingWithSmallLimitsReturnsEveryHitOnceInTheOrderOfOneBigPage() {
        List<String> all = ids(search(alices, "quokka OR flyway OR initdb", 100));
        assertThat(all).hasSize(10).doesNotHaveDuplicates();
        for (int limit : new int[] {1, 3}) {
            List<String> paged = new ArrayList<>();
            String cursor = null;
            for (int page = 0; page < 20; page++) {
                JsonNode body = get(alices, "q=" + encode("quokka OR flyway OR initdb") + "&limit=" + limit
                        + (cursor == null ? "" : "&cursor=" + cursor)).json();
                paged.addAll(ids(body));
                if (!body.get("has_more").booleanValue()) {
                    assertThat(body.get("next_cursor").isNull()).isTrue();
                    break;
                }
                cursor = body.get("next_cursor").stringValue();
            }
            assertThat(paged).as("limit " + limit).containsExactlyElementsOf(all);
        }
    }

    @Test
    void aSearchThatWaitsForAPushsCursorFindsWhatWasJustPushed() {
        for (int i = 0; i < 5; i++) {
            String word = "narwhal" + i;
            long cursor = push(alices, Map.of("kind", "learning", "skill", word + " husbandry", "learning", "tusks"));
            JsonNode page = get(alices, "q=" + word + "&wait_for=" + cursor).json();
            assertThat(page.get("watermark").longValue()).isGreaterThanOrEqualTo(cursor);
            assertThat(titles(page)).containsExactly(word + " husbandry");
            assertThat(api.get("/api/v1/context/status", alices).json().get("search_watermark").longValue())
                    .isGreaterThanOrEqualTo(cursor);
        }
    }

    @Test
    void eachBadParameterIsA400ProblemNamingIt() {
        String cursor = get(alices, "q=quokka&limit=1").json().get("next_cursor").stringValue();
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("", "q");
        cases.put("q=", "q");
        cases.put("q=%20%20", "q");
        cases.put("q=" + "a".repeat(501), "q");
        cases.put("q=a%00b", "q");
        cases.put("q=%ED%A0%80", "q");
        cases.put("q=x&kinds=gossip", "kinds");
        cases.put("q=x&kinds=decision,", "kinds");
        cases.put("q=x&limit=0", "limit");
        cases.put("q=x&limit=101", "limit");
        cases.put("q=x&limit=ten", "limit");
        cases.put("q=x&cursor=not-a-cursor", "cursor");
        cases.put("q=x&cursor=" + cursor, "cursor");
        cases.put("q=quokka&kinds=decision&cursor=" + cursor, "cursor");
        cases.put("q=x&project_id=" + encode("no spaces"), "project_id");
        cases.put("q=x&q=y", "q");
        cases.put("q=x&bogus=1", "bogus");
        cases.put("q=x&wait_for=-5", "wait_for");
        cases.put("q=x&wait_for=soon", "wait_for");
        cases.put("q=x&wait_for=1&timeout_ms=3600000", "timeout_ms");
        cases.forEach((query, parameter) -> {
            Response response = get(alices, query);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.contentType()).as(query).startsWith("application/problem+json");
            assertThat(response.json().get("detail").stringValue()).as(query).startsWith(parameter + ":");
        });
        assertThat(get(alices, "q=" + "a".repeat(500)).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/context/search?q=x", null).status()).isEqualTo(401);
    }

    @Test
    void hostileQueryTextNeverCausesAServerError() {
        List<String> hostile = new ArrayList<>(List.of("\"", "\"\"\"", "'", "''; DROP TABLE context_events; --",
                "\\", "\\\\\\", "&|!():*", "!!!", "a & | b", "(((", ")))", "a:*", "-", "--", "- -x", "or", "OR OR",
                "\"unclosed phrase", "-\"\"", "<->", "a <2> b", "*", "select * from tenants", "1' OR '1'='1",
                "%", "_", "$$", "\u00e9\u00e8\u00ea", "\ud83d\ude00", "\u200b", "\t\n\r", "\u0001\u0002", "the of and",
                "x".repeat(500), "a ".repeat(250), "!".repeat(500), "\"a\" ".repeat(125), "java.lang.".repeat(50)));
        for (String q : hostile) {
            Response response = get(alices, "q=" + encode(q));
            assertThat(response.status()).as(q).isIn(200, 400);
        }
        for (String raw : List.of("%00", "%ED%A0%80", "%FF%FE", "%C0%AF", "x".repeat(10_000), "%25%25", "%E2%80%AE")) {
            Response response = get(alices, "q=" + raw);
            assertThat(response.status()).as(raw).isBetween(200, 499);
        }
    }

    @Test
    void asTheQueryRoleWithATeammatesSettingsTheSearchStatementSeesNoneOfAlicesMessagesOrTasks() throws SQLException {
        Infrastructure infrastructure = fixture.infrastructure();
        try (Connection c = DriverManager.getConnection(infrastructure.databaseUrl(), ServiceRole.QUERY.roleName(),
                Infrastructure.password(ServiceRole.QUERY))) {
            c.setAutoCommit(false);
            set(c, "app.tenant_id", alice.tenantId().toString());
            set(c, "app.user_id", "bob");
            set(c, "app.role", "member");
            // the documents are reachable only through search_matches, which reads the settings, not arguments
            assertThatThrownBy(() -> count(c, "SELECT count(*) FROM search_documents"))
                    .hasMessageContaining("permission denied");
            c.rollback();
            set(c, "app.tenant_id", alice.tenantId().toString());
            set(c, "app.user_id", "bob");
            set(c, "app.role", "member");
            // the endpoint's own statement, built for an auditor token: the settings of a member decide
            AccessToken auditor = new AccessToken(alice.tenantId(), "bob", "x", AccessToken.Role.AUDITOR, "t",
                    Instant.now().plusSeconds(60));
            SearchRequest zeppelin = new SearchRequest("zeppelin", List.of(), null, 20, null, new ReadBarrier(null,
                    Duration.ZERO));
            assertThat(kindsFound(c, auditor, zeppelin)).isEmpty();
            set(c, "app.user_id", "alice");
            assertThat(kindsFound(c, auditor, zeppelin)).containsExactlyInAnyOrder("message", "task");
            set(c, "app.tenant_id", stranger.tenantId().toString());
            assertThat(kindsFound(c, auditor, zeppelin)).as("the settings' tenant, not the token's").isEmpty();
            c.rollback();
        }
    }

    private static List<String> kindsFound(Connection c, AccessToken token, SearchRequest request) throws SQLException {
        List<Object> params = SearchReader.params(token, request);
        List<String> kinds = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(SearchReader.sql())) {
            for (int i = 0; i < params.size(); i++) {
                Object value = params.get(i) instanceof SqlParameterValue typed ? typed.getValue() : params.get(i);
                int type = params.get(i) instanceof SqlParameterValue typed ? typed.getSqlType() : Types.OTHER;
                if (value == null) {
                    s.setNull(i + 1, type);
                } else {
                    s.setObject(i + 1, value);
                }
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    kinds.add(rs.getString("kind"));
                }
            }
        }
        return kinds;
    }

    private static long push(String token, Map<String, Object> item) {
        Response response = api.post("/api/v1/context/push", token, ApiClient.json(item));
        assertThat(response.status()).as(response.body()).isIn(200, 201);
        return response.json().get("cursor").longValue();
    }

    static Response get(String token, String query) {
        return api.get("/api/v1/context/search?" + query, token);
    }

    private static JsonNode search(String token, String q) {
        return search(token, q, 20);
    }

    private static JsonNode search(String token, String q, int limit) {
        return search(token, q, limit, null);
    }

    private static JsonNode search(String token, String q, int limit, String kinds) {
        Response response = get(token, "q=" + encode(q) + "&limit=" + limit + (kinds == null ? "" : "&kinds=" + kinds));
        assertThat(response.status()).as(q + ": " + response.body()).isEqualTo(200);
        return response.json();
    }

    private static List<String> titles(JsonNode page) {
        List<String> titles = new ArrayList<>();
        page.get("hits").forEach(hit -> titles.add(hit.get("title").stringValue()));
        return titles;
    }

    private static List<String> kinds(JsonNode page) {
        List<String> kinds = new ArrayList<>();
        page.get("hits").forEach(hit -> kinds.add(hit.get("kind").stringValue()));
        return kinds;
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("hits").forEach(hit -> ids.add(hit.get("id").stringValue()));
        return ids;
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static void set(Connection c, String name, String value) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT set_config(?, ?, true)")) {
            s.setString(1, name);
            s.setString(2, value);
            s.execute();
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
