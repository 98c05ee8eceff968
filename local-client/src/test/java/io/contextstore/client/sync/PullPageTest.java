package io.contextstore.client.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contextstore.client.items.Kind;
import io.contextstore.client.json.JsonException;
import io.contextstore.client.tiers.PulledEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class PullPageTest {

    @Test
    void thePageOfTheContractIsReadEventByEvent() {
        PullPage page = PullPage.parse("""
                {"events": [
                   {"cursor": 42, "id": "e1", "kind": "decision", "user_id": "alice", "device_id": "laptop",
                    "project_id": "ctx", "content_hash": "h", "client_seq": null,
                    "occurred_at": "2026-11-25T10:00:00Z", "received_at": "2026-11-25T10:00:00.123Z",
                    "data": {"title": "t", "decision": "d", "rationale": null, "tags": ["a"]}}],
                 "next_cursor": 42, "has_more": false, "watermark": 57}""");

        assertThat(page.events()).hasSize(1);
        PulledEvent event = page.events().get(0);
        assertThat(event).isEqualTo(new PulledEvent(42, "e1", Kind.DECISION, "alice", "laptop", "ctx", "h",
                "2026-11-25T10:00:00Z", "2026-11-25T10:00:00.123Z", event.data()));
        assertThat(event.data()).containsEntry("title", "t").containsEntry("decision", "d")
                .containsEntry("tags", List.of("a")).containsEntry("rationale", null).hasSize(4);
        assertThat(page.nextCursor()).isEqualTo(42);
        assertThat(page.hasMore()).isFalse();
        assertThat(page.watermark()).isEqualTo(57);
    }

    @Test
    void anEventsScopeIsReadAndAbsentFromOlderServers() {
        PullPage page = PullPage.parse("""
                {"events": [
                   {"cursor": 7, "id": "e1", "kind": "message", "user_id": "alice", "project_id": null, "content_hash": "h",
                    "data": {}, "scope": {"level": "project", "project_id": "acme"}},
                   {"cursor": 8, "id": "e2", "kind": "decision", "user_id": "alice", "content_hash": "h2", "data": {}}],
                 "next_cursor": 8, "has_more": false}""");

        assertThat(page.events().get(0).scope()).isEqualTo(new PulledEvent.Scope("project", "acme"));
        assertThat(page.events().get(1).scope()).isNull();
    }

    @Test
    void eventsOfKindsThisClientDoesNotKnowAreCountedAndSkipped() {
        PullPage page = PullPage.parse("{\"events\": [{\"cursor\": 3, \"kind\": \"hologram\", \"content_hash\": \"h\"}],"
                + " \"next_cursor\": 3, \"has_more\": true, \"watermark\": 9}");

        assertThat(page.events()).isEmpty();
        assertThat(page.unknownKinds()).isEqualTo(1);
        assertThat(page.hasMore()).isTrue();
    }

    @Test
    void aPageWithoutItsCursorOrHasMoreIsRefused() {
        assertThatThrownBy(() -> PullPage.parse("{\"events\": [], \"has_more\": false}")).isInstanceOf(JsonException.class);
        assertThatThrownBy(() -> PullPage.parse("{\"events\": [], \"next_cursor\": 1}")).isInstanceOf(JsonException.class);
    }

    @Test
    void theProjectsTheUserReadsAreReadAndAServerThatDoesNotNameThemSaysNothing() {
        PullPage scoped = PullPage.parse("{\"events\": [], \"next_cursor\": 1, \"has_more\": false,"
                + " \"scopes\": {\"projects\": [\"acme\", \"globex\"]}}");
        PullPage none = PullPage.parse("{\"events\": [], \"next_cursor\": 1, \"has_more\": false, \"scopes\": {\"projects\": []}}");
        PullPage older = PullPage.parse("{\"events\": [], \"next_cursor\": 1, \"has_more\": false}");

        assertThat(scoped.projects()).containsExactly("acme", "globex");
        assertThat(none.projects()).isEmpty();
        assertThat(older.projects()).isNull();
        assertThatThrownBy(() -> PullPage.parse("{\"events\": [], \"next_cursor\": 1, \"has_more\": false,"
                + " \"scopes\": {\"projects\": [3]}}")).isInstanceOf(JsonException.class);
    }
}
