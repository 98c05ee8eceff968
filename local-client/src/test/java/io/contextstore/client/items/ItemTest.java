package io.contextstore.client.items;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.client.json.Json;
import io.contextstore.events.ContentHash;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The client must hash exactly what the server hashes (docs/api.md, Identity), or local rows never get confirmed. */
class ItemTest {

    @Test
    void theHashCoversKindProjectAndFieldsButNotOccurredAtAbsentMembersOrEmptyTags() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("title", "Use Kafka");
        fields.put("decision", "All writes are events");
        fields.put("rationale", null);
        fields.put("tags", List.of());
        fields.put("project_id", "ctx");

        Item item = Item.of(Kind.DECISION, fields, Instant.parse("2026-11-25T10:00:00Z"));

        assertThat(item.contentHash()).isEqualTo(ContentHash.of(Map.of("kind", "decision", "project_id", "ctx",
                "title", "Use Kafka", "decision", "All writes are events")));
        assertThat(Item.of(Kind.DECISION, fields, null).contentHash()).isEqualTo(item.contentHash());
    }

    @Test
    void taskCountersDefaultToZeroAsOnTheServerSoAbsentAndZeroHashAlike() {
        Item absent = Item.of(Kind.TASK, Map.of("task_id", "t-1", "description", "d", "status", "pending"), null);
        Item zeros = Item.of(Kind.TASK, Map.of("task_id", "t-1", "description", "d", "status", "pending",
                "tool_success_count", 0L, "tool_error_count", 0L, "user_corrections", 0L), null);

        assertThat(absent.contentHash()).isEqualTo(zeros.contentHash());
        assertThat(absent.content()).containsEntry("tool_error_count", 0L);
    }

    @Test
    void thePayloadIsTheContentPlusOccurredAt() {
        Item item = Item.of(Kind.LEARNING, Map.of("skill", "maven", "learning", "-pl needs -am"), Instant.parse("2026-11-25T10:00:00Z"));

        assertThat(Json.parseObject(item.payload())).isEqualTo(Map.of("kind", "learning", "skill", "maven",
                "learning", "-pl needs -am", "occurred_at", "2026-11-25T10:00:00Z"));
    }

    @Test
    void anItemWrittenAsJsonHashesLikeTheSameItemBuiltFromFields() {
        Item fromJson = Item.fromJson(Json.parseObject(
                "{\"kind\":\"error_solution\",\"error\":\"e\",\"solution\":\"s\",\"client_seq\":7,\"occurred_at\":\"2026-11-25T10:00:00Z\"}"));

        assertThat(fromJson.contentHash()).isEqualTo(Item.of(Kind.ERROR_SOLUTION, Map.of("error", "e", "solution", "s"), null).contentHash());
        assertThat(fromJson.occurredAt()).isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
    }

    @Test
    void theScopeAskedForIsSentButNeverHashedAndSurvivesTheQueuesJson() {
        Item plain = Item.of(Kind.DECISION, Map.of("title", "t", "decision", "d"), null);
        Item personal = Item.fromJson(Json.parseObject("{\"kind\":\"decision\",\"title\":\"t\",\"decision\":\"d\","
                + "\"scope\":\"personal\"}"));

        assertThat(personal.contentHash()).isEqualTo(plain.contentHash());
        assertThat(personal.scope()).isEqualTo(Item.Scope.of("personal"));
        assertThat(Json.parseObject(personal.payload())).containsEntry("scope", "personal").doesNotContainKey("occurred_at");
        assertThat(Item.fromJson(Json.parseObject(personal.payload()))).isEqualTo(personal);
        assertThat(Json.parseObject(plain.payload())).doesNotContainKey("scope");
    }

    @Test
    void theQueueKeepsOnePendingItemPerContentScopeAndShareSoARepeatedShareIsOneItem() {
        Item message = Item.of(Kind.MESSAGE, Map.of("session_id", "s", "message_id", "m", "role", "user", "content", "c"), null);
        Item intoAcme = message.sharing("6f1c1b52-93a4-4d3c-9b2a-2f7c6d1e0a11", new Item.Scope("project", "acme"));

        assertThat(message.queueKey()).as("the content alone").isNull();
        assertThat(intoAcme.queueKey()).isEqualTo(message.sharing("6f1c1b52-93a4-4d3c-9b2a-2f7c6d1e0a11",
                new Item.Scope("project", "acme")).queueKey()).contains(message.contentHash());
        assertThat(intoAcme.queueKey()).isNotEqualTo(message.sharing("6f1c1b52-93a4-4d3c-9b2a-2f7c6d1e0a11",
                Item.Scope.of("tenant")).queueKey());
        assertThat(Json.parseObject(intoAcme.payload())).containsEntry("shares", "6f1c1b52-93a4-4d3c-9b2a-2f7c6d1e0a11")
                .containsEntry("scope", Map.of("level", "project", "project_id", "acme"));
        assertThat(Item.fromJson(Json.parseObject(intoAcme.payload()))).isEqualTo(intoAcme);
    }

    @Test
    void identifiersAreMadeAcceptableToTheApi() {
        assertThat(Identifiers.sanitize("my project (v2)")).isEqualTo("my-project--v2-");
        assertThat(Identifiers.sanitize("-leading")).isEqualTo("x-leading");
        assertThat(Identifiers.sanitize("é")).isEqualTo("x-");
        assertThat(Identifiers.sanitize("a".repeat(300))).hasSize(128);
    }
}
