package io.contextstore.stack.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.stack.EmbeddedStack;
import io.contextstore.stack.StackDirectory;
import io.contextstore.stack.compat.OriginalClient.Answer;
import io.contextstore.stack.compat.OriginalClient.TaskEvent;
import io.contextstore.testing.ApiClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The ADR-053 client, unchanged, against a fresh stack with one partition, so that the tenant's first
 * event is at offset 0: the edge where a cursor meaning "after offset c" loses an event forever.
 */
class OriginalClientConformanceIT {

    @TempDir
    static Path data;
    private static EmbeddedStack stack;
    private static ApiClient api;
    private static String token;
    private static JsonNode first;

    @BeforeAll
    static void aFreshStackWhoseFirstEventIsADecision() {
        stack = EmbeddedStack.start(new EmbeddedStack.Options(new StackDirectory(data), true, 0, 0, 0, 1, Map.of()));
        api = new ApiClient(stack.baseUrl());
        token = api.login(stack.demo().licenseKey(), "laptop");
        first = api.post("/api/v1/context/decisions/", token,
                ApiClient.json(Map.of("title", "Kafka is the system of record", "decision", "All writes are events"))).json();
        assertThat(first.get("cursor").longValue()).as("the position after offset 0").isEqualTo(1);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void theOriginalClientPushesATaskWithItsDefaultsAndARetryIsADuplicateWithTheSameId() {
        OriginalClient client = new OriginalClient(stack.baseUrl());
        assertThat(client.authenticate(stack.demo().licenseKey())).isTrue();
        TaskEvent task = new TaskEvent("T-1", "Fix the login bug", "pending");

        Answer created = client.pushTask(task);
        Answer again = client.pushTask(task);

        assertThat(created.status()).as(created.json().toString()).isEqualTo(201);
        assertThat(created.json().get("status").stringValue()).isEqualTo("created");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("status").stringValue()).isEqualTo("duplicate");
        assertThat(again.json().get("id")).isEqualTo(created.json().get("id"));
        assertThat(again.json().get("cursor")).isEqualTo(created.json().get("cursor"));
        JsonNode stored = awaitTask(created.json().get("cursor").longValue(), "T-1");
        assertThat(stored.get("outcome").isNull()).as("\"\" is stored as absent").isTrue();
        assertThat(stored.get("project_id").isNull()).isTrue();
    }

    @Test
    void emptyAndAbsentOptionalFieldsAreOneContent() {
        OriginalClient client = new OriginalClient(stack.baseUrl());
        client.authenticate(stack.demo().licenseKey());
        Answer withDefaults = client.pushTask(new TaskEvent("T-2", "Write the docs", "pending"));

        JsonNode withoutThem = api.post("/api/v1/context/tasks/", token, ApiClient.json(Map.of("task_id", "T-2",
                "description", "Write the docs", "status", "pending"))).json();

        assertThat(withoutThem.get("status").stringValue()).isEqualTo("duplicate");
        assertThat(withoutThem.get("content_hash")).isEqualTo(withDefaults.json().get("content_hash"));
    }

    @Test
    void pullDecisionsFromCursorZeroReturnsTheDecisionThatLandedAtOffsetZero() {
        OriginalClient client = new OriginalClient(stack.baseUrl());
        client.authenticate(stack.demo().licenseKey());
        awaitWatermark(1);

        Answer decisions = client.pullDecisions(0);

        assertThat(decisions.status()).isEqualTo(200);
        assertThat(decisions.json().get("decisions").get(0).get("id")).isEqualTo(first.get("id"));
        assertThat(decisions.json().get("decisions").get(0).get("cursor").longValue()).isEqualTo(1);
    }

    @Test
    void pagingFromZeroThroughPullAndEveryKindListSeesEveryEventOfTheTenantExactlyOnce() {
        List<Long> pushed = new ArrayList<>(List.of(0L));
        Map<String, List<Long>> byList = new LinkedHashMap<>();
        byList.computeIfAbsent("decisions", k -> new ArrayList<>()).add(0L);
        for (int i = 0; i < 4; i++) {
            for (Map.Entry<String, Map<String, Object>> item : items(i).entrySet()) {
                long offset = api.post("/api/v1/context/" + item.getKey() + "/", token, ApiClient.json(item.getValue()))
                        .json().get("cursor").longValue() - 1;
                pushed.add(offset);
                byList.computeIfAbsent(item.getKey(), k -> new ArrayList<>()).add(offset);
            }
        }
        long end = pushed.stream().mapToLong(Long::longValue).max().orElseThrow() + 1;
        awaitWatermark(end);

        for (int limit : List.of(1, 3, 500)) {
            List<Long> pulled = page("/api/v1/context/pull?limit=" + limit, "events");
            assertThat(pulled).as("pull, pages of " + limit).containsSubsequence(pushed).doesNotHaveDuplicates().isSorted();
            for (Map.Entry<String, List<Long>> list : byList.entrySet()) {
                assertThat(page("/api/v1/context/" + list.getKey() + "/?limit=" + limit, list.getKey().replace('-', '_')))
                        .as(list.getKey() + ", pages of " + limit).containsAll(list.getValue()).doesNotHaveDuplicates().isSorted();
            }
        }
    }

    private static Map<String, Map<String, Object>> items(int i) {
        Map<String, Map<String, Object>> items = new LinkedHashMap<>();
        items.put("decisions", Map.of("title", "decision " + i, "decision", "d"));
        items.put("learnings", Map.of("skill", "maven", "learning", "lesson " + i));
        items.put("error-solutions", Map.of("error", "error " + i, "solution", "s"));
        items.put("tasks", Map.of("task_id", "P-" + i, "description", "paged", "status", "pending"));
        items.put("project-context", Map.of("project_id", "ctx", "title", "t" + i, "content", "c"));
        return items;
    }

    /** Offsets seen paging from cursor 0 (cursor - 1 of each row): a pull until has_more is false, a list until a page is empty. */
    private static List<Long> page(String path, String member) {
        List<Long> offsets = new ArrayList<>();
        long cursor = 0;
        for (int pages = 0; pages < 1000; pages++) {
            JsonNode page = api.get(path + "&cursor=" + cursor, token).json();
            page.get(member).forEach(row -> offsets.add(row.get("cursor").longValue() - 1));
            boolean more = page.has("has_more") ? page.get("has_more").booleanValue() : !page.get(member).isEmpty();
            if (!more) {
                return offsets;
            }
            cursor = page.get("next_cursor").longValue();
        }
        throw new AssertionError(path + " never ended");
    }

    private static void awaitWatermark(long position) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                api.get("/api/v1/context/status", token).json().get("watermark").longValue() >= position);
    }

    private static JsonNode awaitTask(long position, String taskId) {
        awaitWatermark(position);
        for (JsonNode task : api.get("/api/v1/context/tasks/?limit=500", token).json().get("tasks")) {
            if (task.get("task_id").stringValue().equals(taskId)) {
                return task;
            }
        }
        throw new AssertionError("no task " + taskId);
    }
}
