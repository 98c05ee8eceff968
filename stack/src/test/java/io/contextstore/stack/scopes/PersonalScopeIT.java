package io.contextstore.stack.scopes;

import static io.contextstore.stack.scopes.ScopeFixture.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.platform.db.ServiceRole;
import io.contextstore.platform.stats.SyncCounts;
import io.contextstore.testing.ApiClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A shared kind pushed with {@code "scope": "personal"} (ADR 36) is read by its author's devices alone, on every read
 * path, by the database's policies: dana, in the same tenant, team and project as alice, reads none of alice's
 * personal decision and learning, through the API or as the query role in SQL; alice and the tenant's auditor do.
 */
class PersonalScopeIT {

    /** The word only the personal items carry, so a search finds exactly them. */
    private static final String MINE = "quokkamine";
    private static ScopeFixture f;
    private static JsonNode decision;

    @BeforeAll
    static void alicesPersonalDecisionInTheProjectAndPersonalLearningWithout() {
        f = ScopeFixture.withItems();
        decision = f.push(f.alices, Map.of("kind", "decision", "project_id", PROJECT, "scope", "personal",
                "title", "My negotiation stance " + MINE, "decision", "walk away below the floor"));
        f.push(f.alices, Map.of("kind", "learning", "scope", "personal", "skill", "estimates " + MINE,
                "learning", "double them"));
        f.awaitSearchable();
    }

    @Test
    void aPullShowsAPersonalDecisionToItsAuthorAsPersonalAndToNoTeammate() {
        List<JsonNode> alices = personal(f.pullAll(f.alices, ""));
        assertThat(alices).extracting(e -> e.get("kind").stringValue()).containsExactlyInAnyOrder("decision", "learning");
        JsonNode scope = alices.stream().filter(e -> e.get("kind").stringValue().equals("decision")).findFirst()
                .orElseThrow().get("scope");
        assertThat(scope.get("level").stringValue()).isEqualTo("personal");
        assertThat(scope.get("project_id").stringValue()).isEqualTo(PROJECT);
        assertThat(personal(f.pullAll(f.danas, ""))).isEmpty();
        assertThat(personal(f.pullAll(f.danas, "&project_id=" + PROJECT))).isEmpty();
        assertThat(personal(f.pullAll(f.bobs, ""))).isEmpty();
        assertThat(personal(f.pullAll(f.carols, ""))).as("the tenant's auditor").hasSize(2);
        assertThat(f.pullAll(f.danas, "")).as("dana still reads the project's items").isNotEmpty();
    }

    @Test
    void everyListShowsAPersonalItemToItsAuthorOnly() {
        for (String endpoint : List.of("decisions", "learnings")) {
            assertThat(personalRows(f.alices, endpoint)).as("alice's " + endpoint).hasSize(1);
            assertThat(personalRows(f.danas, endpoint)).as("dana's " + endpoint).isEmpty();
            assertThat(personalRows(f.bobs, endpoint)).as("bob's " + endpoint).isEmpty();
        }
    }

    @Test
    void searchFindsAPersonalItemForItsAuthorOnly() {
        assertThat(f.api.get("/api/v1/context/search?q=" + MINE, f.alices).json().get("hits")).hasSize(2);
        assertThat(f.api.get("/api/v1/context/search?q=" + MINE, f.danas).json().get("hits")).isEmpty();
        assertThat(f.api.get("/api/v1/context/search?q=" + MINE, f.bobs).json().get("hits")).isEmpty();
    }

    @Test
    void statusCountsAPersonalItemForItsAuthorOnly() {
        f.awaitSearchable(); // other tests of this class push too: counts and pulls are compared once all is projected
        for (String token : List.of(f.alices, f.danas, f.bobs)) {
            JsonNode counts = f.api.get("/api/v1/context/status", token).json().get("counts");
            List<JsonNode> pulled = f.pullAll(token, "");
            for (String kind : List.of("decision", "learning")) {
                assertThat(counts.get(kind).longValue()).as("%s counted as pulled", kind)
                        .isEqualTo(pulled.stream().filter(e -> e.get("kind").stringValue().equals(kind)).count());
            }
        }
        JsonNode alices = f.api.get("/api/v1/context/status", f.alices).json().get("counts");
        JsonNode danas = f.api.get("/api/v1/context/status", f.danas).json().get("counts");
        assertThat(alices.get("decision").longValue()).isGreaterThan(danas.get("decision").longValue());
        assertThat(alices.get("learning").longValue()).isGreaterThan(danas.get("learning").longValue());
    }

    @Test
    void theStreamNeverCarriesAPersonalItemToATeammate() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(URI.create(f.api.baseUrl()
                        + "/api/v1/context/stream?cursor=0")).header("Authorization", "Bearer " + f.danas).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = stream.body()) {
            assertThat(stream.statusCode()).isEqualTo(200);
            long after = f.push(f.alices, Map.of("kind", "decision", "project_id", PROJECT, "title", "Team call",
                    "decision", "the project reads this one")).get("cursor").longValue();
            BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
            CompletableFuture<List<String>> untilTeamCall = CompletableFuture.supplyAsync(() -> {
                List<String> seen = new ArrayList<>();
                try {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        seen.add(line);
                        if (line.equals("id: " + after)) {
                            lines.readLine(); // event: event
                            seen.add(lines.readLine());
                            return seen;
                        }
                    }
                    return seen;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            List<String> seen = untilTeamCall.get(60, TimeUnit.SECONDS);
            assertThat(String.join("\n", seen)).contains("Team call").doesNotContain("negotiation", "estimates");
        }
    }

    @Test
    void asTheQueryRoleATeammatesSettingsReadNoRowOfAPersonalItemInAnyTable() throws SQLException {
        String id = decision.get("id").stringValue();
        List<String> statements = List.of(
                "SELECT count(*) FROM context_events WHERE event_id = '" + id + "'",
                "SELECT count(*) FROM decisions WHERE event_id = '" + id + "'",
                "SELECT count(*) FROM skill_learnings WHERE skill = 'estimates " + MINE + "'",
                "SELECT coalesce(sum(events), 0) FROM (" + SyncCounts.BY_GROUP + ") counts WHERE private_to = 'alice'"
                        + " AND kind IN ('decision', 'learning')",
                "SELECT count(*) FROM search_matches(to_tsquery('english', '" + MINE + "'), to_tsquery('english', '"
                        + MINE + "'), null, null, null, null, 100, 1000)");
        for (String sql : statements) {
            assertThat(f.count(ServiceRole.QUERY, f.alice.tenantId(), "alice", "member", sql)).as("alice: " + sql).isPositive();
            assertThat(f.count(ServiceRole.QUERY, f.alice.tenantId(), "dana", "member", sql)).as("dana: " + sql).isZero();
            assertThat(f.count(ServiceRole.QUERY, f.alice.tenantId(), "bob", "member", sql)).as("bob: " + sql).isZero();
            assertThat(f.count(ServiceRole.QUERY, f.alice.tenantId(), "carol", "auditor", sql)).as("auditor: " + sql)
                    .isPositive();
        }
    }

    @Test
    void aPersonalItemIsItsAuthorsOwnIdentityAndTheTeamsCopyIsAnotherEvent() {
        Map<String, Object> tenantWide = Map.of("kind", "decision", "title", "Wombat stance", "decision", "mine first");
        Map<String, Object> personal = new java.util.HashMap<>(tenantWide);
        personal.put("scope", "personal");
        JsonNode alices = f.push(f.alices, personal);
        assertThat(alices.get("status").stringValue()).isEqualTo("created");
        JsonNode retried = f.push(f.alices, personal);
        assertThat(retried.get("status").stringValue()).isEqualTo("duplicate");
        assertThat(retried.get("id").stringValue()).isEqualTo(alices.get("id").stringValue());
        JsonNode bobs = f.push(f.bobs, personal);
        assertThat(bobs.get("status").stringValue()).as("bob's personal copy is his").isEqualTo("created");
        assertThat(bobs.get("id").stringValue()).isNotEqualTo(alices.get("id").stringValue());
        JsonNode everyones = f.push(f.alices, tenantWide);
        assertThat(everyones.get("status").stringValue()).as("the tenant's copy is another event").isEqualTo("created");
        assertThat(everyones.get("id").stringValue()).isNotEqualTo(alices.get("id").stringValue());
    }

    @Test
    void aPersonalItemNamingARestrictedProjectNeedsMembershipAndIsNotEditedAndNothingIsWrittenOnRefusal() {
        int logged = f.services.topic().eventsOf(f.alice.tenantId()).size();

        ApiClient.Response bobs = f.api.post("/api/v1/context/push", f.bobs, ApiClient.json(Map.of("kind", "decision",
                "project_id", PROJECT, "scope", "personal", "title", "t", "decision", "d")));
        assertThat(bobs.status()).as(bobs.body()).isEqualTo(403);
        ApiClient.Response edit = f.api.post("/api/v1/context/push", f.alices, ApiClient.json(Map.of("kind", "decision",
                "project_id", PROJECT, "scope", "personal", "title", "My negotiation stance", "decision", "changed",
                "supersedes", Map.of("id", decision.get("id").stringValue(),
                        "versions", List.of(decision.get("cursor").longValue())))));
        assertThat(edit.status()).as(edit.body()).isEqualTo(403);
        assertThat(edit.contentType()).startsWith("application/problem+json");

        assertThat(f.services.topic().eventsOf(f.alice.tenantId())).hasSize(logged);
    }

    /** Alice's personal items among events. */
    private static List<JsonNode> personal(List<JsonNode> events) {
        return events.stream().filter(e -> e.toString().contains(MINE))
                .filter(e -> e.get("user_id").stringValue().equals(f.alice.userId()))
                .filter(e -> e.get("scope").get("level").stringValue().equals("personal")).toList();
    }

    private static List<JsonNode> personalRows(String token, String endpoint) {
        List<JsonNode> rows = new ArrayList<>();
        f.api.get("/api/v1/context/" + endpoint + "/?limit=1000", token).json().get(endpoint).forEach(row -> {
            if (row.toString().contains(MINE)) {
                rows.add(row);
            }
        });
        return rows;
    }
}
