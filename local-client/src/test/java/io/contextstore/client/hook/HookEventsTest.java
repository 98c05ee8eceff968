package io.contextstore.client.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contextstore.client.items.Item;
import io.contextstore.client.items.Kind;
import io.contextstore.client.json.JsonException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class HookEventsTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final String SESSION = "4f3c2a1e-8b7d-4e6f-9a0b-1c2d3e4f5a6b";

    static String recorded() throws IOException {
        try (InputStream in = HookEventsTest.class.getResourceAsStream("/hook/todowrite-posttooluse.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aRecordedTodoWriteEventBecomesOneTaskEventPerTodoWithItsStatus() throws IOException {
        HookDecision decision = HookEvents.decide(recorded(), null, NOW);

        assertThat(decision).isInstanceOf(HookDecision.Tasks.class);
        List<Item> items = ((HookDecision.Tasks) decision).items();
        assertThat(items).extracting(Item::kind).containsOnly(Kind.TASK);
        assertThat(items).extracting(item -> item.content().get("status")).containsExactly("completed", "in_progress", "pending");
        assertThat(items).extracting(item -> item.content().get("description"))
                .containsExactly("Write the projector", "Add the pull endpoint", "Document the ctx hook");
        assertThat(items).extracting(Item::projectId).containsOnly("contextstore");
        assertThat(items).extracting(Item::occurredAt).containsOnly(NOW);
        assertThat(items.get(2).content().get("task_id")).isEqualTo(SESSION + ":3");
        assertThat((String) items.get(0).content().get("task_id")).startsWith(SESSION + ":todo-");
    }

    @Test
    void aTodoWithoutIdKeepsItsTaskIdWhenItsStatusChanges() throws IOException {
        String later = recorded().replace("\"status\": \"in_progress\", \"activeForm\": \"Adding", "\"status\": \"completed\", \"activeForm\": \"Adding");

        Item before = ((HookDecision.Tasks) HookEvents.decide(recorded(), null, NOW)).items().get(1);
        Item after = ((HookDecision.Tasks) HookEvents.decide(later, null, NOW)).items().get(1);

        assertThat(after.content().get("task_id")).isEqualTo(before.content().get("task_id"));
        assertThat(after.content().get("status")).isEqualTo("completed");
        assertThat(after.contentHash()).isNotEqualTo(before.contentHash());
    }

    @Test
    void theProjectOptionWinsOverTheWorkingDirectory() throws IOException {
        HookDecision.Tasks tasks = (HookDecision.Tasks) HookEvents.decide(recorded(), "ctx", NOW);

        assertThat(tasks.items()).extracting(Item::projectId).containsOnly("ctx");
    }

    @Test
    void otherToolsAreCountedNotQueuedAndOtherEventsAreIgnored() {
        String bash = "{\"session_id\":\"s\",\"cwd\":\"/home/dev/contextstore\",\"hook_event_name\":\"PostToolUse\",\"tool_name\":\"Bash\","
                + "\"tool_input\":{\"command\":\"ls\"},\"tool_response\":{\"is_error\":true}}";
        String stop = "{\"session_id\":\"s\",\"hook_event_name\":\"Stop\",\"stop_hook_active\":false}";

        assertThat(HookEvents.decide(bash, null, NOW)).isEqualTo(new HookDecision.ToolUsed("s", "Bash", true, "contextstore"));
        assertThat(HookEvents.decide(stop, null, NOW)).isInstanceOf(HookDecision.Ignored.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "garbage",
            "",
            "[]",
            "{\"hook_event_name\": \"PostToolUse\", \"tool_name\": \"TodoWrite\"}",
            "{\"session_id\": \"s\", \"hook_event_name\": \"PostToolUse\", \"tool_name\": \"TodoWrite\"}",
            "{\"session_id\": \"s\", \"hook_event_name\": \"PostToolUse\", \"tool_name\": \"TodoWrite\", \"tool_input\": {\"todos\": {}}}",
            "{\"session_id\": \"s\", \"hook_event_name\": \"PostToolUse\", \"tool_name\": \"TodoWrite\", \"tool_input\": {\"todos\": [{\"content\": \"a\", \"status\": \"done\"}]}}",
            "{\"session_id\": \"s\", \"hook_event_name\": \"PostToolUse\", \"tool_name\": \"TodoWrite\", \"tool_input\": {\"todos\": [{\"content\": \" \", \"status\": \"pending\"}]}}",
            "{\"session_id\": \"s\", \"hook_event_name\": \"PostToolUse\", \"tool_name\": \"TodoWrite\", \"tool_input\": {\"todos\": [{\"content\": \"ok\", \"status\": \"pending\"}, 7]}}",
            "{\"session_id\": 5, \"hook_event_name\": \"PostToolUse\", \"tool_name\": \"TodoWrite\"}",
            "{\"session_id\": \"s\", \"hook_event_name\": \"PostToolUse\", \"tool_name\": \"TodoWrite\", \"tool_input\": {\"todos\": []}} trailing"})
    void malformedEventsAreRejectedWhole(String input) {
        assertThatThrownBy(() -> HookEvents.decide(input, null, NOW)).isInstanceOf(JsonException.class);
    }

    @Test
    void anOverlongTodoIsShortenedToWhatTheServerAccepts() {
        String event = "{\"session_id\":\"s\",\"hook_event_name\":\"PostToolUse\",\"tool_name\":\"TodoWrite\","
                + "\"tool_input\":{\"todos\":[{\"content\":\"" + "x".repeat(5_000) + "\",\"status\":\"pending\"}]}}";

        Item item = ((HookDecision.Tasks) HookEvents.decide(event, null, NOW)).items().get(0);

        assertThat(((String) item.content().get("description")).codePointCount(0, 4_000)).isEqualTo(4_000);
        assertThat((String) item.content().get("description")).hasSize(4_000);
    }

    @Test
    void aSessionStartAsksForTheDigestOfTheProjectInItsWorkingDirectory() throws IOException {
        HookDecision decision = HookEvents.decide(resource("/hook/sessionstart.json"), null, NOW);

        assertThat(decision).isEqualTo(new HookDecision.SessionStarted("contextstore"));
    }

    @Test
    void aSubmittedPromptAsksForWhatIsRelevantToItsText() throws IOException {
        HookDecision decision = HookEvents.decide(resource("/hook/userpromptsubmit.json"), "ctx", NOW);

        assertThat(decision).isInstanceOfSatisfying(HookDecision.PromptSubmitted.class, prompt -> {
            assertThat(prompt.project()).isEqualTo("ctx");
            assertThat(prompt.prompt()).startsWith("initdb keeps failing");
        });
    }

    @Test
    void aPromptWithoutTextAndUnknownEventsAreIgnored() {
        assertThat(HookEvents.decide("{\"hook_event_name\": \"UserPromptSubmit\", \"prompt\": \" \"}", null, NOW))
                .isInstanceOf(HookDecision.Ignored.class);
        assertThat(HookEvents.decide("{\"hook_event_name\": \"Notification\", \"message\": \"hi\"}", null, NOW))
                .isInstanceOf(HookDecision.Ignored.class);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = HookEventsTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
