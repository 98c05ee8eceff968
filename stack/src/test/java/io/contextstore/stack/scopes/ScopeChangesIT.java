package io.contextstore.stack.scopes;

import static io.contextstore.stack.scopes.ScopeFixture.PROJECT;
import static io.contextstore.stack.scopes.ScopeFixture.TEAM;
import static io.contextstore.stack.scopes.ScopeFixture.WORD;
import static io.contextstore.stack.scopes.ScopedReadsIT.projectKinds;
import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.testing.ApiClient;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Membership is operator state in effect at once (ADR 36): a removed member reads nothing more of the project on the
 * next request and the pull says which project went; added again, the project's whole history is pullable, once.
 * A pushed scope is checked before anything is written.
 */
class ScopeChangesIT {

    private ScopeFixture f;

    @BeforeEach
    void aProjectWithItems() {
        f = ScopeFixture.withItems();
    }

    @Test
    void aRemovedMembersNextPullReturnsNothingMoreOfTheProjectAndNamesItNoMore() {
        JsonNode before = f.api.get("/api/v1/context/pull?limit=1000", f.alices).json();
        long deviceCursor = before.get("next_cursor").longValue();
        assertThat(before.get("scopes").get("projects").toString()).contains(PROJECT);

        assertThat(f.admin("team", "remove-member", "--tenant", f.alice.tenantId().toString(), "--team", TEAM,
                "--user", "alice", "--json").json().get("removed").booleanValue()).isTrue();

        JsonNode next = f.api.get("/api/v1/context/pull?cursor=" + deviceCursor, f.alices).json();
        assertThat(next.get("scopes").get("projects")).isEmpty();
        assertThat(projectKinds(f.pullAll(f.alices, ""))).isEmpty();
        assertThat(f.api.get("/api/v1/context/search?q=" + WORD, f.alices).json().get("hits")).isEmpty();
        assertThat(f.api.get("/api/v1/context/learnings/", f.alices).json().get("learnings")).isEmpty();
        assertThat(f.api.get("/api/v1/context/status", f.alices).json().get("counts").get("project_context").longValue())
                .isZero();
        // her own items of other scopes stay hers
        assertThat(f.pullAll(f.alices, "").toString()).contains("Everyone reads this");
    }

    @Test
    void addedAgainTheProjectsWholeHistoryIsPullableFromTheStartEachItemOnce() {
        String tenant = f.alice.tenantId().toString();
        long deviceCursor = f.api.get("/api/v1/context/pull?limit=1000", f.alices).json().get("next_cursor").longValue();
        f.admin("project", "remove-team", "--tenant", tenant, "--project", PROJECT, "--team", TEAM);
        assertThat(projectKinds(f.pullAll(f.alices, ""))).isEmpty();

        assertThat(f.admin("project", "add-team", "--tenant", tenant, "--project", PROJECT, "--team", TEAM, "--json")
                .json().get("added").booleanValue()).isTrue();

        // the device's next pull (its cursor is past every item) names the project again: gained, so it backfills
        JsonNode next = f.api.get("/api/v1/context/pull?cursor=" + deviceCursor, f.alices).json();
        assertThat(next.get("events")).isEmpty();
        assertThat(next.get("scopes").get("projects").toString()).contains(PROJECT);
        List<JsonNode> backfill = f.pullAll(f.alices, "&project_id=" + PROJECT);
        assertThat(projectKinds(backfill)).containsExactlyInAnyOrder("decision", "learning", "message", "project_context",
                "error_solution");
        Set<String> ids = new HashSet<>();
        backfill.forEach(event -> assertThat(ids.add(event.get("id").stringValue())).as("once: " + event).isTrue());
    }

    @Test
    void aScopeTheUserIsNotInAnUnknownProjectOrAScopeTheKindCannotHaveIsA4xxAndNothingIsWritten() {
        int logged = f.services.topic().eventsOf(f.alice.tenantId()).size();

        problem(f.alices, Map.of("kind", "decision", "title", "t", "decision", "d", "scope", "project",
                "project_id", "nope"), 400, "/project_id");
        problem(f.alices, Map.of("kind", "decision", "title", "t", "decision", "d", "scope", "project"), 400, "/project_id");
        problem(f.bobs, Map.of("kind", "decision", "title", "t", "decision", "d", "project_id", PROJECT), 403, PROJECT);
        problem(f.bobs, Map.of("kind", "learning", "skill", "s", "learning", "l", "scope", "project",
                "project_id", PROJECT), 403, PROJECT);
        problem(f.alices, Map.of("kind", "decision", "title", "t", "decision", "d", "scope", "galaxy"), 400, "/scope");
        problem(f.alices, Map.of("kind", "message", "session_id", "s", "message_id", "m9", "role", "user",
                "content", "c", "scope", "tenant"), 400, "/scope");
        problem(f.alices, Map.of("kind", "decision", "title", "t", "decision", "d", "scope", "tenant",
                "project_id", PROJECT), 400, "/scope");
        ApiClient.Response batch = f.api.post("/api/v1/context/push", f.alices, ApiClient.json(Map.of("items", List.of(
                Map.of("kind", "decision", "title", "fine", "decision", "d"),
                Map.of("kind", "decision", "title", "t", "decision", "d", "scope", "project", "project_id", "nope")))));
        assertThat(batch.status()).isEqualTo(400);
        assertThat(batch.body()).contains("/items/1/project_id");

        assertThat(f.services.topic().eventsOf(f.alice.tenantId())).hasSize(logged);
    }

    @Test
    void theOperatorCommandsListTeamsAndProjectsAndRefuseUnknownOnesClearly() {
        String tenant = f.alice.tenantId().toString();
        JsonNode teams = f.admin("team", "list", "--tenant", tenant, "--json").json();
        assertThat(teams.toString()).contains("\"team_id\":\"core\"", "\"members\":[\"alice\",\"dana\"]",
                "\"projects\":[\"acme\"]");
        JsonNode projects = f.admin("project", "list", "--tenant", tenant, "--json").json();
        assertThat(projects.toString()).contains("\"project_id\":\"acme\"", "\"restricted\":true", "\"teams\":[\"core\"]");
        assertThat(f.admin("team", "list", "--tenant", tenant).out()).contains("core", "alice", "acme");
        assertThat(f.admin("team", "create", "--tenant", tenant, "--team", TEAM, "--json").json().get("created")
                .booleanValue()).isFalse();

        ScopeFixture.Ran unknownTeam = f.admin("team", "add-member", "--tenant", tenant, "--team", "ghosts", "--user", "bob",
                "--json");
        assertThat(unknownTeam.status()).isEqualTo(1);
        assertThat(unknownTeam.json().get("error").stringValue()).contains("no team \"ghosts\"");
        ScopeFixture.Ran unknownProject = f.admin("project", "add-team", "--tenant", tenant, "--project", "nope", "--team",
                TEAM);
        assertThat(unknownProject.status()).isEqualTo(1);
        assertThat(unknownProject.err()).contains("no project \"nope\"");
        assertThat(f.admin("team", "create", "--tenant", tenant, "--team", "bad team!").status()).isEqualTo(1);
        assertThat(f.admin("project", "list", "--tenant", f.mallory.tenantId().toString(), "--json").json().toString())
                .contains("mallory").doesNotContain("alice");
    }

    private void problem(String token, Map<String, Object> item, int status, String named) {
        ApiClient.Response response = f.api.post("/api/v1/context/push", token, ApiClient.json(item));
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body()).contains(named);
    }
}
