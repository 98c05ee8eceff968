package io.contextstore.stack.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.testing.ApiClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.StreamSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Edits as events (ADR 39) through the real services, broker and database: a supersede replaces an item in lists,
 * search and pulls and keeps both versions in its history; a retraction withdraws it from lists and search but not
 * from history or the audit replay; two devices editing one version make one conflict, kept until an edit names both;
 * a rebuild from the log equals the live read model with conflicts present; bad edits write nothing.
 */
class EditsIT {

    private final AuditFixture fixture = new AuditFixture();
    private final ApiClient api = fixture.api;

    @Test
    void aSupersedeReplacesTheItemInListsSearchAndPullsAndItsHistoryKeepsBothVersions() {
        AuditFixture.Audited tenant = fixture.auditedTenant();
        String oldWord = word("old");
        String newWord = word("new");
        JsonNode first = push(tenant.alice(), "decisions", decision("Queue " + oldWord, "Use RabbitMQ"));
        String item = first.get("id").stringValue();
        long v1 = first.get("cursor").longValue();

        Map<String, Object> edit = edit(decision("Queue " + newWord, "Use Kafka"), item, v1);
        JsonNode second = push(tenant.bob(), "decisions", edit);
        long v2 = second.get("cursor").longValue();
        awaitSearchable(tenant.alice(), v2);

        JsonNode listed = api.get("/api/v1/context/decisions/", tenant.alice()).json().get("decisions");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("id").stringValue()).isEqualTo(second.get("id").stringValue());
        assertThat(listed.get(0).get("item_id").stringValue()).isEqualTo(item);
        assertThat(listed.get(0).get("conflict").booleanValue()).isFalse();
        assertThat(hits(tenant.alice(), oldWord)).isEmpty();
        assertThat(hits(tenant.alice(), newWord)).singleElement()
                .satisfies(hit -> assertThat(hit.get("item_id").stringValue()).isEqualTo(item));
        List<JsonNode> pulled = fixture.pullAll(tenant.alice());
        assertThat(itemOf(pulled, v1).get("current").booleanValue()).isFalse();
        assertThat(itemOf(pulled, v2).get("supersedes")).extracting(JsonNode::longValue).containsExactly(v1);
        assertThat(itemOf(pulled, v2).get("current").booleanValue()).isTrue();
        JsonNode history = history(tenant.bob(), "decisions", item);
        assertThat(history.get("versions")).extracting(v -> v.get("version").longValue()).containsExactly(v1, v2);
        assertThat(history.get("current")).extracting(JsonNode::longValue).containsExactly(v2);
        assertThat(history.get("versions").get(0).get("data").get("decision").stringValue()).isEqualTo("Use RabbitMQ");
        ApiClient.Response retry = api.post("/api/v1/context/decisions/", tenant.bob(), ApiClient.json(edit));
        assertThat(retry.json().get("status").stringValue()).isEqualTo("duplicate");
        assertThat(retry.json().get("id").stringValue()).isEqualTo(second.get("id").stringValue());
    }

    @Test
    void aRetractedItemLeavesListsAndSearchAndStaysInHistoryAndInTheAuditReplay() throws Exception {
        AuditFixture.Audited tenant = fixture.auditedTenant();
        String retracted = word("retracted");
        JsonNode learning = push(tenant.alice(), "learnings", Map.of("skill", "gradle " + retracted,
                "learning", "clean builds fix everything"));
        String item = learning.get("id").stringValue();
        long version = learning.get("cursor").longValue();
        awaitSearchable(tenant.alice(), version);
        assertThat(hits(tenant.alice(), retracted)).hasSize(1);

        JsonNode retraction = push(tenant.bob(), "retractions", Map.of("reason", "it does not",
                "supersedes", Map.of("id", item, "versions", List.of(version))));
        awaitSearchable(tenant.alice(), retraction.get("cursor").longValue());

        assertThat(api.get("/api/v1/context/learnings/", tenant.alice()).json().get("learnings")).isEmpty();
        assertThat(hits(tenant.alice(), retracted)).isEmpty();
        JsonNode history = history(tenant.alice(), "learnings", item);
        assertThat(history.get("retracted").booleanValue()).isTrue();
        assertThat(history.get("versions")).extracting(v -> v.get("kind").stringValue()).containsExactly("learning", "retraction");
        assertThat(history.get("versions").get(1).get("data").get("reason").stringValue()).isEqualTo("it does not");
        AuditRuns.Run replay = fixture.audit("replay", "--tenant", tenant.tenantId().toString(),
                "--license-key", tenant.auditorKey());
        assertThat(replay.exitCode()).as(replay.err()).isZero();
        assertThat(replay.out()).contains(item).contains(retraction.get("id").stringValue());
    }

    @Test
    void twoDevicesEditingTheSameVersionMakeOneConflictAndAnEditNamingBothResolvesIt() {
        AuditFixture.Audited tenant = fixture.auditedTenant();
        String error = "ECONNREFUSED " + word("conflict");
        JsonNode first = push(tenant.alice(), "error-solutions", errorSolution(error, "start the broker"));
        String item = first.get("id").stringValue();
        long v1 = first.get("cursor").longValue();

        // the laptop and the desktop both edit version 1, at the same time
        CompletableFuture<JsonNode> laptop = CompletableFuture.supplyAsync(() -> push(tenant.alice(), "error-solutions",
                edit(errorSolution(error, "wait for the broker"), item, v1)));
        CompletableFuture<JsonNode> desktop = CompletableFuture.supplyAsync(() -> push(tenant.bob(), "error-solutions",
                edit(errorSolution(error, "check the port"), item, v1)));
        long v2 = laptop.join().get("cursor").longValue();
        long v3 = desktop.join().get("cursor").longValue();
        awaitSearchable(tenant.alice(), Math.max(v2, v3));

        JsonNode conflicts = api.get("/api/v1/context/conflicts", tenant.bob()).json().get("conflicts");
        assertThat(conflicts).singleElement().satisfies(c -> {
            assertThat(c.get("item_id").stringValue()).isEqualTo(item);
            assertThat(c.get("current")).extracting(JsonNode::longValue).containsExactlyInAnyOrder(v2, v3);
        });
        JsonNode listed = api.get("/api/v1/context/error-solutions/", tenant.alice()).json().get("error_solutions");
        assertThat(listed).hasSize(2).allSatisfy(row -> assertThat(row.get("conflict").booleanValue()).isTrue());
        assertThat(hits(tenant.alice(), error.split(" ")[1])).hasSize(2)
                .allSatisfy(hit -> assertThat(hit.get("conflict").booleanValue()).isTrue());
        List<JsonNode> pulled = fixture.pullAll(tenant.bob());
        assertThat(itemOf(pulled, v2).get("conflict").booleanValue()).isTrue();
        assertThat(itemOf(pulled, v3).get("conflict").booleanValue()).isTrue();

        long v4 = push(tenant.alice(), "error-solutions", edit(errorSolution(error, "wait for the broker, then check the port"),
                item, v2, v3)).get("cursor").longValue();
        awaitSearchable(tenant.alice(), v4);

        assertThat(api.get("/api/v1/context/conflicts", tenant.bob()).json().get("conflicts")).isEmpty();
        listed = api.get("/api/v1/context/error-solutions/", tenant.alice()).json().get("error_solutions");
        assertThat(listed).singleElement().satisfies(row -> {
            assertThat(row.get("cursor").longValue()).isEqualTo(v4);
            assertThat(row.get("conflict").booleanValue()).isFalse();
        });
        assertThat(history(tenant.alice(), "error-solutions", item).get("current")).extracting(JsonNode::longValue)
                .containsExactly(v4);
        assertThat(itemOf(fixture.pullAll(tenant.bob()), v4).get("conflict").booleanValue()).isFalse();
    }

    @Test
    void aRebuildFromTheLogEqualsTheLiveReadModelWithAConflictAndARetractionPresent() {
        AuditFixture.Audited tenant = fixture.auditedTenant();
        JsonNode decision = push(tenant.alice(), "decisions", decision("Cache", "Redis"));
        String item = decision.get("id").stringValue();
        long v1 = decision.get("cursor").longValue();
        push(tenant.alice(), "decisions", edit(decision("Cache", "Memcached"), item, v1));
        push(tenant.bob(), "decisions", edit(decision("Cache", "none"), item, v1));
        JsonNode project = push(tenant.alice(), "project-context", Map.of("project_id", "ctx", "title", "Readme",
                "content", "old"));
        long last = push(tenant.bob(), "retractions", Map.of("reason", "obsolete", "project_id", "ctx", "supersedes",
                Map.of("id", project.get("id").stringValue(), "versions", List.of(project.get("cursor").longValue()))))
                .get("cursor").longValue();
        fixture.awaitProjected(tenant.inHouse(), last - 1);
        assertThat(api.get("/api/v1/context/conflicts", tenant.alice()).json().get("conflicts")).hasSize(1);

        AuditRuns.Run verify = fixture.audit("verify", "--tenant", tenant.tenantId().toString(), "--verbose");

        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).contains("OK        item_versions of tenant " + tenant.tenantId() + ": 5 rows")
                .contains("OK        decisions of tenant " + tenant.tenantId() + ": 2 rows")
                .contains("OK        project_contexts of tenant " + tenant.tenantId() + ": 0 rows");
    }

    @Test
    void badEditsAre4xxProblemsNamingWhatIsWrongAndWriteNothing() {
        AuditFixture.Audited tenant = fixture.auditedTenant();
        JsonNode decision = push(tenant.alice(), "decisions", decision("Logs", "JSON lines"));
        String item = decision.get("id").stringValue();
        long v1 = decision.get("cursor").longValue();
        JsonNode learning = push(tenant.alice(), "learnings", Map.of("skill", "s", "learning", "l"));
        JsonNode message = push(tenant.alice(), "push", Map.of("kind", "message", "session_id", "s", "message_id", "m",
                "role", "user", "content", "private"));
        int logged = fixture.services.topic().eventsOf(tenant.tenantId()).size();

        problem(tenant.bob(), "decisions", edit(decision("Logs", "x"), UUID.randomUUID().toString(), v1), 404, null);
        problem(tenant.bob(), "decisions", edit(decision("Logs", "x"), learning.get("id").stringValue(),
                learning.get("cursor").longValue()), 400, "/supersedes/id");
        problem(tenant.bob(), "decisions", edit(decision("Logs", "x"), message.get("id").stringValue(),
                message.get("cursor").longValue()), 403, null);
        problem(tenant.bob(), "decisions", edit(decision("Logs", "x"), item, learning.get("cursor").longValue()), 400,
                "/supersedes/versions");
        Map<String, Object> malformed = edit(decision("Logs", "x"), item, v1);
        malformed.put("supersedes", Map.of("id", item, "versions", List.of("v1")));
        problem(tenant.bob(), "decisions", malformed, 400, "/supersedes/versions/0");
        Map<String, Object> task = new HashMap<>(Map.of("task_id", "T-1", "description", "d", "status", "pending",
                "supersedes", Map.of("id", item, "versions", List.of(v1))));
        problem(tenant.bob(), "tasks", task, 400, "/supersedes");
        problem(tenant.bob(), "retractions", Map.of("reason", "no"), 400, "/supersedes");

        assertThat(fixture.services.topic().eventsOf(tenant.tenantId())).hasSize(logged);
        ApiClient.Response wrongKind = api.get("/api/v1/context/learnings/" + item + "/history", tenant.alice());
        assertThat(wrongKind.status()).isEqualTo(404);
        assertThat(api.get("/api/v1/context/tasks/" + item + "/history", tenant.alice()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/context/decisions/nope/history", tenant.alice()).status()).isEqualTo(400);
    }

    private void problem(String token, String endpoint, Map<String, Object> body, int status, String pointer) {
        ApiClient.Response response = api.post("/api/v1/context/" + endpoint + "/", token, ApiClient.json(body));
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        if (pointer != null) {
            assertThat(response.json().get("errors").get(0).get("pointer").stringValue()).isEqualTo(pointer);
        }
    }

    private JsonNode push(String token, String endpoint, Map<String, Object> item) {
        String path = endpoint.equals("push") ? "/api/v1/context/push" : "/api/v1/context/" + endpoint + "/";
        ApiClient.Response response = api.post(path, token, ApiClient.json(item));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    private JsonNode history(String token, String endpoint, String item) {
        ApiClient.Response response = api.get("/api/v1/context/" + endpoint + "/" + item + "/history", token);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private List<JsonNode> hits(String token, String word) {
        return StreamSupport.stream(api.get("/api/v1/context/search?q=" + word, token).json().get("hits").spliterator(), false)
                .toList();
    }

    private void awaitSearchable(String token, long cursor) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                api.get("/api/v1/context/status", token).json().get("search_watermark").longValue() >= cursor);
    }

    private static JsonNode itemOf(List<JsonNode> pulled, long cursor) {
        return pulled.stream().filter(e -> e.get("cursor").longValue() == cursor).findFirst().orElseThrow().get("item");
    }

    private static Map<String, Object> edit(Map<String, Object> content, String item, Long... versions) {
        Map<String, Object> edit = new HashMap<>(content);
        edit.put("supersedes", Map.of("id", item, "versions", List.of(versions)));
        return edit;
    }

    private static Map<String, Object> decision(String title, String text) {
        return Map.of("title", title, "decision", text);
    }

    private static Map<String, Object> errorSolution(String error, String solution) {
        return Map.of("error", error, "solution", solution);
    }

    /** A word no other test's items contain, so search answers about this test's items only. */
    private static String word(String label) {
        return label + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
