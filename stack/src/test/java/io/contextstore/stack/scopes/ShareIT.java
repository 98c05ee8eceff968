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

    private static ScopeFixture f;
    private static String messageId;

    @BeforeAll
    static void alicesPersonalMessageInTheProject() {
        f = ScopeFixture.withItems();
        messageId = f.pullAll(f.alices, "&kinds=message").get(0).get("id").stringValue();
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
        assertThat(ids(f.pullAll(f.bobs, "&kinds=message"))).isEmpty();
        assertThat(ids(f.pullAll(f.alices, "&kinds=message"))).containsExactly(messageId, sharedId);
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
        problem(decision, "/shares");
        Map<String, Object> notAnId = share(messageId, "project");
        notAnId.put("shares", "m1");
        problem(notAnId, "/shares");

        assertThat(f.services.topic().eventsOf(f.alice.tenantId())).hasSize(logged);
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
