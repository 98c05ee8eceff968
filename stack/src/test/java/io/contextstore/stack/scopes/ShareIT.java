package io.contextstore.stack.scopes;

import static io.contextstore.stack.scopes.ScopeFixture.PROJECT;
import static io.contextstore.stack.scopes.ScopeFixture.WORD;
import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.testing.ApiClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Sharing on purpose (ADR 36): a personal item becomes readable by a project or the tenant through a new event
 * naming it; the personal event stays as it was (the log is append-only); only its author can share it.
 */
class ShareIT {

    /** A second restricted project, whose team has alice and bob (who is not in acme); dana is not in it. */
    private static final String OTHER = "globex";
    private static ScopeFixture f;
    private static String messageId;

    @BeforeAll
    static void alicesPersonalMessageInTheProjectAndASecondProjectWithBob() {
        f = ScopeFixture.withItems();
        messageId = f.pullAll(f.alices, "&kinds=message").get(0).get("id").stringValue();
        String tenant = f.alice.tenantId().toString();
        assertThat(f.admin("team", "create", "--tenant", tenant, "--team", "ops").status()).isZero();
        assertThat(f.admin("project", "create", "--tenant", tenant, "--project", OTHER).status()).isZero();
        assertThat(f.admin("project", "create", "--tenant", tenant, "--project", "initech").status()).isZero();
        for (String user : List.of(f.alice.userId(), f.bob.userId())) {
            assertThat(f.admin("team", "add-member", "--tenant", tenant, "--team", "ops", "--user", user).status()).isZero();
        }
        assertThat(f.admin("project", "add-team", "--tenant", tenant, "--project", OTHER, "--team", "ops").status()).isZero();
    }

    @Test
    void aSharedMessageIsReadByTheProjectsMembersAsANewEventAndThePersonalOneStays() {
        assertThat(ids(f.pullAll(f.danas, "&kinds=message"))).isEmpty();

        ApiClient.Response shared = f.api.post("/api/v1/context/share", f.alices, ApiClient.json(share(messageId, "project")));

        assertThat(shared.status()).as(shared.body()).isEqualTo(201);
        String sharedId = shared.json().get("id").stringValue();
        assertThat(sharedId).isNotEqualTo(messageId);
        f.awaitSearchable(f.alices, shared.json().get("cursor").longValue());
        assertThat(ids(f.pullAll(f.danas, "&kinds=message"))).containsExactly(sharedId);
        assertThat(f.api.get("/api/v1/context/messages/", f.danas).json().get("messages")).hasSize(1);
        assertThat(f.api.get("/api/v1/context/search?q=roadmap", f.danas).json().get("hits")).hasSize(1);
        assertThat(ids(roadmaps(f.bobs))).isEmpty();
        assertThat(ids(roadmaps(f.alices))).containsExactly(messageId, sharedId);
        assertThat(f.api.post("/api/v1/context/share", f.alices, ApiClient.json(share(messageId, "project"))).json()
                .get("status").stringValue()).isEqualTo("duplicate");
    }

    @Test
    void sharingAnotherUsersItemIsForbiddenAndABadShareIsA400AndNothingIsWritten() {
        int logged = f.services.topic().eventsOf(f.alice.tenantId()).size();

        // dana is in the project, but the message is alice's: its content does not make it dana's
        ApiClient.Response danas = f.api.post("/api/v1/context/share", f.danas, ApiClient.json(share(messageId, "project")));
        assertThat(danas.status()).as(danas.body()).isEqualTo(403);
        assertThat(danas.contentType()).startsWith("application/problem+json");
        Map<String, Object> withoutScope = share(messageId, "project");
        withoutScope.remove("scope");
        problem(withoutScope, "/scope");
        problem(share(messageId, "tenant"), "/scope"); // a restricted project's item is its members'
        Map<String, Object> noShares = share(messageId, "project");
        noShares.remove("shares");
        problem(noShares, "/shares");
        Map<String, Object> decision = new HashMap<>(Map.of("kind", "decision", "title", "Everyone reads this",
                "decision", "tenant-wide", "shares", messageId, "scope", "tenant"));
        ApiClient.Response notThisContent = f.api.post("/api/v1/context/share", f.alices, ApiClient.json(decision));
        assertThat(notThisContent.status()).as("a decision is no personal item of hers with this content")
                .isEqualTo(403);
        problem(new HashMap<>(Map.of("kind", "task", "task_id", "T-1", "description", "a task", "status", "pending",
                "shares", messageId, "scope", "tenant")), "/shares");
        Map<String, Object> notAnId = share(messageId, "project");
        notAnId.put("shares", "m1");
        problem(notAnId, "/shares");

        assertThat(f.services.topic().eventsOf(f.alice.tenantId())).hasSize(logged);
    }

    @Test
    void aDecisionPushedPersonalAndThenSharedWithTheTenantIsReadByEveryMemberAndOnlyItsAuthorCanShareIt() {
        Map<String, Object> decision = new HashMap<>(Map.of("kind", "decision", "title", "Adopt the okapi cache",
                "decision", "okapi in front of the read model", "scope", "personal"));
        String personalId = f.push(f.alices, decision).get("id").stringValue();
        Map<String, Object> share = new HashMap<>(decision);
        share.put("shares", personalId);
        share.put("scope", "tenant");
        ApiClient.Response danas = f.api.post("/api/v1/context/share", f.danas, ApiClient.json(share));
        assertThat(danas.status()).as("the same content does not make it dana's").isEqualTo(403);
        assertThat(okapis(f.danas)).isEmpty();

        ApiClient.Response shared = f.api.post("/api/v1/context/share", f.alices, ApiClient.json(share));

        assertThat(shared.status()).as(shared.body()).isEqualTo(201);
        String sharedId = shared.json().get("id").stringValue();
        f.awaitSearchable(f.alices, shared.json().get("cursor").longValue());
        assertThat(ids(okapis(f.danas))).containsExactly(sharedId);
        assertThat(ids(okapis(f.bobs))).containsExactly(sharedId);
        assertThat(okapis(f.danas).get(0).get("scope").get("level").stringValue()).isEqualTo("tenant");
        assertThat(ids(okapis(f.alices))).containsExactlyInAnyOrder(personalId, sharedId);
        assertThat(f.api.get("/api/v1/context/search?q=okapi", f.danas).json().get("hits")).hasSize(1);
        assertThat(okapis(f.mallorys)).as("another tenant").isEmpty();
        assertThat(f.api.post("/api/v1/context/share", f.alices, ApiClient.json(share)).json().get("id").stringValue())
                .as("shared again: the same event").isEqualTo(sharedId);
    }

    private static List<JsonNode> okapis(String token) {
        return f.pullAll(token, "&kinds=decision").stream().filter(e -> e.toString().contains("okapi")).toList();
    }

    @Test
    void aMessageNamingNoProjectSharedIntoAProjectIsReadByThatProjectsMembersOnlyFromThenOn() {
        Map<String, Object> note = Map.of("kind", "message", "session_id", "s2", "message_id", "m2", "role", "user",
                "content", "the unicorn rollout plan");
        String noteId = f.push(f.alices, note).get("id").stringValue();
        Map<String, Object> share = new HashMap<>(note);
        share.put("shares", noteId);
        share.put("scope", Map.of("level", "project", "project_id", OTHER));
        f.awaitSearchable();
        assertThat(unicorns(f.bobs, "")).as("bob, before").isEmpty();

        ApiClient.Response shared = f.api.post("/api/v1/context/share", f.alices, ApiClient.json(share));

        assertThat(shared.status()).as(shared.body()).isEqualTo(201);
        f.awaitSearchable(f.alices, shared.json().get("cursor").longValue());
        List<JsonNode> bobs = unicorns(f.bobs, "");
        assertThat(bobs).hasSize(1);
        assertThat(bobs.get(0).get("scope").get("project_id").stringValue()).isEqualTo(OTHER);
        assertThat(bobs.get(0).get("project_id").isNull()).as("its content is the item's").isTrue();
        assertThat(unicorns(f.bobs, "&project_id=" + OTHER)).as("a pull of the project finds it").hasSize(1);
        assertThat(f.api.get("/api/v1/context/search?q=unicorn", f.bobs).json().get("hits")).hasSize(1);
        assertThat(f.api.get("/api/v1/context/messages/", f.bobs).json().get("messages").toString()).contains("unicorn");
        assertThat(unicorns(f.danas, "")).as("dana is not in " + OTHER).isEmpty();
        assertThat(f.api.get("/api/v1/context/search?q=unicorn", f.danas).json().get("hits")).isEmpty();
        ApiClient.Response again = f.api.post("/api/v1/context/share", f.alices, ApiClient.json(share));
        assertThat(again.json().get("status").stringValue()).isEqualTo("duplicate");
        assertThat(again.json().get("id").stringValue()).isEqualTo(shared.json().get("id").stringValue());
    }

    @Test
    void sharingIntoAnUnknownProjectOneTheSharerIsNotInOrFromAnotherRestrictedProjectIsRefusedAndNothingIsWritten() {
        int logged = f.services.topic().eventsOf(f.alice.tenantId()).size();

        problem(intoProject(share(messageId, "project"), "nowhere"), "/scope/project_id");
        problem(intoProject(share(messageId, "project"), OTHER), "/scope/project_id"); // acme's message stays acme's
        Map<String, Object> own = Map.of("kind", "message", "session_id", "s3", "message_id", "m3", "role", "user",
                "content", "a note of alice's");
        Map<String, Object> ownShare = intoProject(new HashMap<>(own), "initech");
        ownShare.put("shares", f.push(f.alices, own).get("id").stringValue());
        logged++;
        ApiClient.Response notIn = f.api.post("/api/v1/context/share", f.alices, ApiClient.json(ownShare));
        assertThat(notIn.status()).as(notIn.body()).isEqualTo(403);
        assertThat(notIn.json().get("detail").stringValue()).contains("initech");
        ApiClient.Response danas = f.api.post("/api/v1/context/share", f.danas,
                ApiClient.json(intoProject(share(messageId, "project"), PROJECT)));
        assertThat(danas.status()).as("another user's item").isEqualTo(403);
        Map<String, Object> pushed = intoProject(new HashMap<>(Map.of("kind", "decision", "title", "t", "decision", "d")), OTHER);
        ApiClient.Response push = f.api.post("/api/v1/context/push", f.alices, ApiClient.json(pushed));
        assertThat(push.status()).as(push.body()).isEqualTo(400);
        assertThat(push.json().get("errors").get(0).get("pointer").stringValue()).isEqualTo("/scope/project_id");

        assertThat(f.services.topic().eventsOf(f.alice.tenantId())).hasSize(logged);
    }

    private static Map<String, Object> intoProject(Map<String, Object> body, String project) {
        body.put("scope", Map.of("level", "project", "project_id", project));
        return body;
    }

    /** The messages about the project's roadmap (the fixture's) a token pulls: other tests share other messages. */
    private static List<JsonNode> roadmaps(String token) {
        return f.pullAll(token, "&kinds=message").stream().filter(e -> e.toString().contains(WORD)).toList();
    }

    private static List<JsonNode> unicorns(String token, String query) {
        return f.pullAll(token, "&kinds=message" + query).stream().filter(e -> e.toString().contains("unicorn")).toList();
    }

    private void problem(Map<String, Object> body, String pointer) {
        ApiClient.Response response = f.api.post("/api/v1/context/share", f.alices, ApiClient.json(body));
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("pointer").stringValue()).isEqualTo(pointer);
    }

    /** Alice's message as she pushed it (ScopeFixture), naming it and the scope to widen it to. */
    private static Map<String, Object> share(String id, String scope) {
        return new HashMap<>(Map.of("kind", "message", "project_id", PROJECT, "session_id", "s1", "message_id", "m1",
                "role", "user", "content", "the " + WORD + " roadmap", "shares", id, "scope", scope));
    }

    private static List<String> ids(List<JsonNode> events) {
        return events.stream().map(e -> e.get("id").stringValue()).toList();
    }
}
