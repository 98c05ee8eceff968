package io.contextstore.stack.scopes;

import static io.contextstore.stack.scopes.ScopeFixture.PROJECT;
import static io.contextstore.stack.scopes.ScopeFixture.WORD;
import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.testing.ApiClient;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every read path of the API applies the project boundary (ADR 36): a member of the project's team sees its items,
 * a member of the same tenant outside it does not, another tenant (with a project of the same name) does not, and
 * an auditor of the tenant sees them all.
 */
class ScopedReadsIT {

    private static ScopeFixture f;

    @BeforeAll
    static void aProjectWithItemsOfFourKinds() {
        f = ScopeFixture.withItems();
    }

    @Test
    void aPullShowsTheProjectsItemsToItsMembersOnly() {
        assertThat(projectKinds(f.pullAll(f.alices, ""))).containsExactlyInAnyOrder("decision", "learning", "message",
                "project_context", "error_solution");
        assertThat(projectKinds(f.pullAll(f.bobs, ""))).isEmpty();
        assertThat(titles(f.pullAll(f.bobs, ""))).contains("Everyone reads this");
        assertThat(titles(f.pullAll(f.mallorys, ""))).containsExactly("Mallory's " + WORD);
        assertThat(projectKinds(f.pullAll(f.carols, ""))).hasSize(5);
        assertThat(projectKinds(f.pullAll(f.bobs, "&project_id=" + PROJECT))).isEmpty();
    }

    @Test
    void aPulledEventSaysWhoMayReadIt() {
        List<JsonNode> events = f.pullAll(f.alices, "");
        assertThat(scopeOf(events, "decision", "Rotate the vendor key " + WORD)).isEqualTo("project " + PROJECT);
        assertThat(scopeOf(events, "decision", "Everyone reads this")).isEqualTo("tenant null");
        assertThat(scopeOf(events, "message", null)).isEqualTo("personal " + PROJECT);
    }

    private static String scopeOf(List<JsonNode> events, String kind, String title) {
        JsonNode event = events.stream().filter(e -> e.get("kind").stringValue().equals(kind))
                .filter(e -> title == null || title.equals(e.get("data").path("title").asString()))
                .findFirst().orElseThrow();
        JsonNode scope = event.get("scope");
        JsonNode project = scope.path("project_id");
        return scope.get("level").stringValue() + " " + (project.isString() ? project.stringValue() : "null");
    }

    @Test
    void aPullNamesTheProjectsTheCallerReads() {
        assertThat(scopes(f.alices)).containsExactly(PROJECT);
        assertThat(scopes(f.bobs)).isEmpty();
        assertThat(scopes(f.carols)).containsExactly(PROJECT);
    }

    @Test
    void everyListShowsTheProjectsRowsToItsMembersOnly() {
        for (String endpoint : List.of("decisions", "learnings", "messages", "project-context", "error-solutions")) {
            Function<String, List<JsonNode>> list = token -> rows(f.api.get("/api/v1/context/" + endpoint + "/?limit=1000",
                    token).json().get(endpoint.replace('-', '_')));
            assertThat(projectRows(list.apply(f.alices))).as("alice's " + endpoint).hasSize(1);
            assertThat(projectRows(list.apply(f.bobs))).as("bob's " + endpoint).isEmpty();
            assertThat(projectRows(list.apply(f.carols))).as("the auditor's " + endpoint).hasSize(1);
            assertThat(list.apply(f.mallorys)).as("mallory's " + endpoint)
                    .allMatch(row -> !row.toString().contains("vendor key") && !row.toString().contains("roadmap"));
        }
        assertThat(rows(f.api.get("/api/v1/context/decisions/", f.bobs).json().get("decisions")))
                .anyMatch(row -> row.get("title").stringValue().equals("Everyone reads this"));
    }

    @Test
    void searchFindsTheProjectsItemsForItsMembersOnly() {
        assertThat(searchKinds(f.alices)).containsExactlyInAnyOrder("decision", "learning", "message", "project_context",
                "error_solution");
        assertThat(searchKinds(f.bobs)).isEmpty();
        assertThat(searchKinds(f.carols)).hasSize(5);
        assertThat(searchKinds(f.mallorys)).containsExactly("decision");
        JsonNode mallorysHit = f.api.get("/api/v1/context/search?q=" + WORD, f.mallorys).json().get("hits").get(0);
        assertThat(mallorysHit.get("title").stringValue()).contains("Mallory");
        // a page of one is still full for a member: hidden items never take a place on it
        JsonNode page = f.api.get("/api/v1/context/search?limit=1&q=" + WORD, f.alices).json();
        assertThat(page.get("hits")).hasSize(1);
        assertThat(page.get("has_more").booleanValue()).isTrue();
        assertThat(f.api.get("/api/v1/context/search?limit=1&q=" + WORD, f.bobs).json().get("has_more").booleanValue())
                .isFalse();
    }

    @Test
    void statusCountsOnlyWhatTheCallerMayRead() {
        JsonNode alices = counts(f.alices);
        JsonNode bobs = counts(f.bobs);
        assertThat(alices.get("decision").longValue()).isEqualTo(2);
        assertThat(alices.get("learning").longValue()).isEqualTo(1);
        assertThat(alices.get("project_context").longValue()).isEqualTo(1);
        assertThat(alices.get("message").longValue()).isEqualTo(1);
        assertThat(bobs.get("decision").longValue()).isEqualTo(1);
        assertThat(bobs.get("learning").longValue()).isZero();
        assertThat(bobs.get("project_context").longValue()).isZero();
        assertThat(counts(f.carols).get("decision").longValue()).isEqualTo(2);
        assertThat(counts(f.mallorys).get("decision").longValue()).isEqualTo(1);
    }

    @Test
    void theAuditApiReplaysEveryScopeOfAGrantedTenantToItsAuditorOnly() {
        f.grantAudit();
        ApiClient.Response log = f.api.get("/api/v1/audit/tenants/" + f.alice.tenantId() + "/events", f.carols);
        assertThat(log.status()).as(log.body()).isEqualTo(200);
        List<String> lines = log.body().lines().filter(line -> !line.isBlank()).toList();
        assertThat(lines).hasSize(6);
        assertThat(lines.stream().filter(line -> line.contains("\"" + PROJECT + "\""))).hasSize(5);
        assertThat(f.api.get("/api/v1/audit/tenants/" + f.alice.tenantId() + "/events", f.bobs).status()).isEqualTo(403);
    }

    private List<String> scopes(String token) {
        List<String> projects = new ArrayList<>();
        f.api.get("/api/v1/context/pull?limit=1", token).json().get("scopes").get("projects")
                .forEach(p -> projects.add(p.stringValue()));
        return projects;
    }

    private List<String> searchKinds(String token) {
        List<String> kinds = new ArrayList<>();
        f.api.get("/api/v1/context/search?limit=50&q=" + WORD, token).json().get("hits")
                .forEach(hit -> kinds.add(hit.get("kind").stringValue()));
        return kinds;
    }

    private JsonNode counts(String token) {
        return f.api.get("/api/v1/context/status", token).json().get("counts");
    }

    static List<String> projectKinds(List<JsonNode> events) {
        return events.stream().filter(e -> PROJECT.equals(text(e.get("project_id")))).map(e -> e.get("kind").stringValue())
                .toList();
    }

    private static List<String> titles(List<JsonNode> events) {
        return events.stream().map(e -> text(e.get("data").get("title"))).toList();
    }

    private static List<JsonNode> rows(JsonNode array) {
        List<JsonNode> rows = new ArrayList<>();
        array.forEach(rows::add);
        return rows;
    }

    private static List<JsonNode> projectRows(List<JsonNode> rows) {
        return rows.stream().filter(row -> PROJECT.equals(text(row.get("project_id")))).toList();
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.stringValue();
    }
}
