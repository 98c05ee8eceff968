package io.contextstore.ingest.push.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contextstore.events.EventIdentity;
import io.contextstore.events.EventKind;
import io.contextstore.events.EventScope;
import io.contextstore.events.EventScope.Level;
import io.contextstore.ingest.push.decision.ScopeRules.ProjectAccess;
import io.contextstore.platform.web.ApiProblem;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

class ScopeRulesTest {

    private static final UUID TENANT = UUID.fromString("00000000-0000-0000-0000-0000000000aa");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, ProjectAccess> PROJECTS = Map.of(
            "acme", new ProjectAccess(true, true),
            "secret", new ProjectAccess(true, false),
            "open", new ProjectAccess(false, false));

    @Test
    void withoutAScopeOrARestrictedProjectAKindKeepsItsOldVisibility() {
        assertThat(scope("{\"kind\": \"decision\", \"title\": \"t\", \"decision\": \"d\"}")).isEqualTo(EventScope.tenant());
        assertThat(scope("{\"kind\": \"decision\", \"title\": \"t\", \"decision\": \"d\", \"project_id\": \"unknown\"}"))
                .isEqualTo(EventScope.tenant());
        assertThat(scope("{\"kind\": \"decision\", \"title\": \"t\", \"decision\": \"d\", \"project_id\": \"open\"}"))
                .isEqualTo(EventScope.tenant());
        assertThat(scope(message("\"project_id\": \"open\""))).isEqualTo(EventScope.personal(null));
    }

    @Test
    void anItemNamingARestrictedProjectIsReadByItsMembersAndAUsersOwnKindByItsAuthorWhileAMember() {
        assertThat(scope("{\"kind\": \"learning\", \"skill\": \"s\", \"learning\": \"l\", \"project_id\": \"acme\"}"))
                .isEqualTo(EventScope.project("acme"));
        assertThat(scope(message("\"project_id\": \"acme\""))).isEqualTo(EventScope.personal("acme"));
        assertThat(scope(message("\"project_id\": \"acme\", \"scope\": \"personal\""))).isEqualTo(EventScope.personal("acme"));
    }

    @Test
    void anExplicitProjectScopeConfinesAnItemEvenToAnOpenProjectItsUserIsIn() {
        Map<String, ProjectAccess> member = Map.of("open", new ProjectAccess(false, true));
        assertThat(resolve(List.of(item("{\"kind\": \"decision\", \"title\": \"t\", \"decision\": \"d\", \"scope\": \"project\","
                + " \"project_id\": \"open\"}")), false, member).items().get(0).scope()).isEqualTo(EventScope.project("open"));
    }

    @Test
    void aSharedKindAskedPersonalIsReadByItsAuthorAloneAndConfinedToARestrictedProjectItNames() {
        assertThat(scope("{\"kind\": \"decision\", \"title\": \"t\", \"decision\": \"d\", \"scope\": \"personal\"}"))
                .isEqualTo(EventScope.personal(null));
        assertThat(scope("{\"kind\": \"error_solution\", \"error\": \"e\", \"solution\": \"s\", \"scope\": \"personal\","
                + " \"project_id\": \"acme\"}")).isEqualTo(EventScope.personal("acme"));
        assertThat(scope("{\"kind\": \"learning\", \"skill\": \"s\", \"learning\": \"l\", \"scope\": \"personal\","
                + " \"project_id\": \"open\"}")).isEqualTo(EventScope.personal(null));
        refused("{\"kind\": \"decision\", \"title\": \"t\", \"decision\": \"d\", \"scope\": \"personal\","
                + " \"project_id\": \"secret\"}", HttpStatus.FORBIDDEN, null);
    }

    @Test
    void pushingIntoARestrictedProjectWithoutMembershipIsForbidden() {
        refused("{\"kind\": \"decision\", \"title\": \"t\", \"decision\": \"d\", \"project_id\": \"secret\"}",
                HttpStatus.FORBIDDEN, null);
        refused(message("\"project_id\": \"secret\""), HttpStatus.FORBIDDEN, null);
        refused("{\"kind\": \"decision\", \"title\": \"t\", \"decision\": \"d\", \"scope\": \"project\", \"project_id\": \"open\"}",
                HttpStatus.FORBIDDEN, null);
    }

    @Test
    void aScopeTheItemCannotHaveIsA400NamingTheField() {
        refused("{\"kind\": \"decision\", \"title\": \"t\", \"decision\": \"d\", \"scope\": \"project\"}",
                HttpStatus.BAD_REQUEST, "/project_id");
        refused("{\"kind\": \"decision\", \"title\": \"t\", \"decision\": \"d\", \"scope\": \"project\", \"project_id\": \"nope\"}",
                HttpStatus.BAD_REQUEST, "/project_id");
        refused("{\"kind\": \"decision\", \"title\": \"t\", \"decision\": \"d\", \"scope\": \"tenant\", \"project_id\": \"acme\"}",
                HttpStatus.BAD_REQUEST, "/scope");
        refused(message("\"scope\": \"tenant\""), HttpStatus.BAD_REQUEST, "/scope");
        assertThatThrownBy(() -> item("{\"kind\": \"decision\", \"title\": \"t\", \"decision\": \"d\", \"scope\": \"galaxy\"}"))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.getMessage()).contains("/scope", "personal, project, tenant"));
    }

    @Test
    void aShareWidensAPersonalItemToTheScopeItNamesAndAStateCannotBeShared() {
        String id = "\"shares\": \"6f1c1b52-93a4-4d3c-9b2a-2f7c6d1e0a11\"";
        assertThat(scope(message("\"project_id\": \"acme\", \"scope\": \"project\", " + id)))
                .isEqualTo(EventScope.project("acme"));
        assertThat(scope(message("\"scope\": \"tenant\", " + id))).isEqualTo(EventScope.tenant());
        refused(message(id), HttpStatus.BAD_REQUEST, "/scope");
        refused(message("\"scope\": \"personal\", " + id), HttpStatus.BAD_REQUEST, "/scope");
        assertThat(scope("{\"kind\": \"decision\", \"title\": \"t\", \"decision\": \"d\", \"scope\": \"tenant\", " + id + "}"))
                .as("a decision pushed personal is shared too; the decider checks it is the sharer's")
                .isEqualTo(EventScope.tenant());
        refused("{\"kind\": \"task\", \"task_id\": \"t\", \"description\": \"d\", \"status\": \"pending\","
                + " \"scope\": \"tenant\", " + id + "}", HttpStatus.BAD_REQUEST, "/shares");
        assertThatThrownBy(() -> item(message("\"shares\": \"m-1\""))).isInstanceOfSatisfying(ApiProblem.class,
                p -> assertThat(p.getMessage()).startsWith("/shares"));
    }

    @Test
    void aShareMayNameAProjectItsItemDoesNotWhenTheSharerIsAMemberAndTheItemIsNotAnotherRestrictedProjects() {
        String id = "\"shares\": \"6f1c1b52-93a4-4d3c-9b2a-2f7c6d1e0a11\"";
        Map<String, ProjectAccess> projects = Map.of("acme", new ProjectAccess(true, true),
                "secret", new ProjectAccess(true, false), "open", new ProjectAccess(false, false),
                "globex", new ProjectAccess(true, true));
        assertThat(resolve(message("\"scope\": {\"level\": \"project\", \"project_id\": \"acme\"}, " + id), projects))
                .as("an item naming no project").isEqualTo(EventScope.project("acme"));
        assertThat(resolve(message("\"project_id\": \"open\", \"scope\": {\"level\": \"project\", \"project_id\": \"acme\"}, "
                + id), projects)).as("an item naming an open project").isEqualTo(EventScope.project("acme"));
        assertThat(resolve(message("\"project_id\": \"acme\", \"scope\": {\"level\": \"project\", \"project_id\": \"acme\"}, "
                + id), projects)).as("its own project, named").isEqualTo(EventScope.project("acme"));

        refusedWith(projects, message("\"scope\": {\"level\": \"project\", \"project_id\": \"nope\"}, " + id),
                HttpStatus.BAD_REQUEST, "/scope/project_id");
        refusedWith(projects, message("\"scope\": {\"level\": \"project\", \"project_id\": \"secret\"}, " + id),
                HttpStatus.FORBIDDEN, null);
        refusedWith(projects, message("\"project_id\": \"globex\", \"scope\": {\"level\": \"project\", \"project_id\": \"acme\"}, "
                + id), HttpStatus.BAD_REQUEST, "/scope/project_id");
        refusedWith(projects, "{\"kind\": \"decision\", \"title\": \"t\", \"decision\": \"d\","
                + " \"scope\": {\"level\": \"project\", \"project_id\": \"acme\"}}", HttpStatus.BAD_REQUEST, "/scope/project_id");
        assertThatThrownBy(() -> item(message("\"scope\": {\"level\": \"tenant\", \"project_id\": \"acme\"}, " + id)))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.getMessage()).startsWith("/scope/project_id"));
        assertThatThrownBy(() -> item(message("\"scope\": {\"level\": \"project\", \"colour\": \"red\"}, " + id)))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.getMessage()).startsWith("/scope/colour"));
        assertThat(ScopeRules.namedProjects(new PushContext(TENANT, "alice", "laptop",
                List.of(item(message("\"project_id\": \"open\", \"scope\": {\"level\": \"project\", \"project_id\": \"acme\"}, "
                        + id))), false))).containsExactlyInAnyOrder("open", "acme");
    }

    @Test
    void aScopeWrittenAsAnObjectMeansWhatItsLevelAlonePutAsTextMeans() {
        assertThat(scope("{\"kind\": \"decision\", \"title\": \"t\", \"decision\": \"d\", \"scope\": {\"level\": \"personal\"}}"))
                .isEqualTo(EventScope.personal(null));
        assertThat(scope("{\"kind\": \"decision\", \"title\": \"t\", \"decision\": \"d\", \"project_id\": \"acme\","
                + " \"scope\": {\"level\": \"project\", \"project_id\": \"acme\"}}")).isEqualTo(EventScope.project("acme"));
    }

    @Test
    void aBatchNamesTheItemThatWasRefused() {
        List<ContextItem> items = List.of(item("{\"kind\": \"decision\", \"title\": \"t\", \"decision\": \"d\"}"),
                item("{\"kind\": \"decision\", \"title\": \"t\", \"decision\": \"d\", \"scope\": \"tenant\", \"project_id\": \"acme\"}"));
        assertThatThrownBy(() -> resolve(items, true, PROJECTS))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.getMessage()).startsWith("/items/1/scope"));
    }

    @Test
    void theScopeIsNotPartOfTheContentHashButOfTheIdentity() {
        ContextItem tenantWide = item("{\"kind\": \"decision\", \"title\": \"t\", \"decision\": \"d\", \"project_id\": \"open\"}");
        ContextItem project = item("{\"kind\": \"decision\", \"title\": \"t\", \"decision\": \"d\", \"project_id\": \"open\","
                + " \"scope\": \"project\"}");
        assertThat(project.contentHash()).isEqualTo(tenantWide.contentHash());
        assertThat(project.requestedScope()).isEqualTo(Level.PROJECT);
        assertThat(EventIdentity.contentEventId(TENANT, EventScope.project("open"), "alice", project.contentHash()))
                .isNotEqualTo(EventIdentity.contentEventId(TENANT, EventScope.tenant(), "alice", tenantWide.contentHash()));
        assertThat(ScopeRules.namedProjects(new PushContext(TENANT, "alice", "laptop", List.of(tenantWide, project), true)))
                .containsExactly("open");
    }

    private static EventScope scope(String json) {
        return resolve(List.of(item(json)), false, PROJECTS).items().get(0).scope();
    }

    private static void refused(String json, HttpStatus status, String pointer) {
        refusedWith(PROJECTS, json, status, pointer);
    }

    private static EventScope resolve(String json, Map<String, ProjectAccess> projects) {
        return resolve(List.of(item(json)), false, projects).items().get(0).scope();
    }

    private static void refusedWith(Map<String, ProjectAccess> projects, String json, HttpStatus status, String pointer) {
        assertThatThrownBy(() -> resolve(json, projects)).isInstanceOfSatisfying(ApiProblem.class, problem -> {
            assertThat(problem.status()).isEqualTo(status);
            if (pointer != null) {
                assertThat(problem.getMessage()).startsWith(pointer);
            }
        });
    }

    private static PushContext resolve(List<ContextItem> items, boolean batch, Map<String, ProjectAccess> projects) {
        return ScopeRules.resolve(new PushContext(TENANT, "alice", "laptop", items, batch), projects);
    }

    private static ContextItem item(String json) {
        return ItemParser.parse(JSON.readTree(json), "", null);
    }

    private static String message(String extra) {
        return "{\"kind\": \"message\", \"message_id\": \"m\", \"session_id\": \"s\", \"role\": \"user\", \"content\": \"c\", "
                + extra + "}";
    }
}
