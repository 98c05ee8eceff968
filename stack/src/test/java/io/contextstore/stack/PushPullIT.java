package io.contextstore.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.testing.ApiClient;
import io.contextstore.testing.ApiClient.Response;
import io.contextstore.testing.Tenants.TestTenant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PushPullIT {

    private final RunningServices services = RunningServices.shared();
    private final ApiClient api = services.client();
    private TestTenant alice;
    private String laptop;
    private String desktop;

    @BeforeEach
    void setUp() {
        alice = services.tenants().create("alice");
        laptop = api.login(alice.licenseKey(), "laptop");
        desktop = api.login(alice.licenseKey(), "desktop");
    }

    @Test
    void everyPushedItemAppearsOnceInOffsetOrderOnAnotherDeviceOfTheSameUser() {
        List<Long> cursors = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            cursors.add(api.post("/api/v1/context/push", laptop, item(i)).json().get("cursor").longValue());
        }
        api.post("/api/v1/context/push", laptop, item(3));

        List<JsonNode> events = pullAll(desktop, -1, 7, cursors.get(cursors.size() - 1));

        assertThat(events).extracting(e -> e.get("cursor").longValue()).containsExactlyElementsOf(cursors);
        assertThat(events.get(0).get("device_id").stringValue()).isEqualTo("laptop");
        assertThat(events.get(0).get("user_id").stringValue()).isEqualTo("alice");
        assertThat(events.get(0).get("kind").stringValue()).isEqualTo("message");
        assertThat(events.get(0).get("data").get("content").stringValue()).isEqualTo("message 0");
        assertThat(events.get(0).get("client_seq").isNull()).isTrue();
    }

    @Test
    void deliveryMetadataTravelsWithTheEvent() {
        long cursor = api.post("/api/v1/context/decisions/", laptop, ApiClient.json(Map.of("title", "meta",
                "decision", "d", "client_seq", 42, "occurred_at", "2026-11-24T08:00:00Z"))).json().get("cursor").longValue();

        JsonNode event = pullAll(desktop, cursor - 1, 10, cursor).get(0);

        assertThat(event.get("client_seq").longValue()).isEqualTo(42);
        assertThat(event.get("occurred_at").stringValue()).isEqualTo("2026-11-24T08:00:00Z");
        assertThat(event.get("received_at").stringValue()).isNotEqualTo("2026-11-24T08:00:00Z");
    }

    @Test
    void teamKindsReachAnotherMemberOfTheTenantAndSessionKindsDoNot() {
        api.post("/api/v1/context/messages/", laptop, ApiClient.json(Map.of("message_id", "m1", "session_id", "s1",
                "role", "user", "content", "private to alice")));
        api.post("/api/v1/context/tasks/", laptop, ApiClient.json(Map.of("task_id", "t1", "description", "alice's task",
                "status", "pending")));
        api.post("/api/v1/context/decisions/", laptop, ApiClient.json(Map.of("title", "d", "decision", "shared")));
        api.post("/api/v1/context/learnings/", laptop, ApiClient.json(Map.of("skill", "s", "learning", "shared")));
        long last = api.post("/api/v1/context/error-solutions/", laptop,
                ApiClient.json(Map.of("error", "e", "solution", "shared"))).json().get("cursor").longValue();
        TestTenant bob = services.tenants().member(alice.tenantId(), "bob");
        String bobs = api.login(bob.licenseKey(), "bobs-laptop");

        List<JsonNode> seenByBob = pullAll(bobs, -1, 500, last);
        List<JsonNode> seenByAlice = pullAll(desktop, -1, 500, last);

        assertThat(seenByBob).extracting(e -> e.get("kind").stringValue())
                .containsExactly("decision", "learning", "error_solution");
        assertThat(seenByAlice).extracting(e -> e.get("kind").stringValue())
                .containsExactly("message", "task", "decision", "learning", "error_solution");
        assertThat(api.get("/api/v1/context/decisions/?cursor=-1", bobs).json().get("decisions")).hasSize(1);
        assertThat(api.get("/api/v1/context/tasks/", bobs).json().get("tasks")).isEmpty();
        assertThat(api.get("/api/v1/context/tasks/", desktop).json().get("tasks")).hasSize(1);
    }

    @Test
    void aPullThatNamesThePushedCursorSeesTheItemInTheSameResponse() {
        JsonNode pushed = api.post("/api/v1/context/decisions/", laptop,
                ApiClient.json(Map.of("title", "read your writes", "decision", "wait_for"))).json();
        long cursor = pushed.get("cursor").longValue();

        Response pulled = api.get("/api/v1/context/pull?cursor=" + (cursor - 1) + "&wait_for=" + cursor, desktop);

        assertThat(pulled.status()).isEqualTo(200);
        assertThat(pulled.json().get("events")).hasSize(1);
        assertThat(pulled.json().get("events").get(0).get("id")).isEqualTo(pushed.get("id"));
        assertThat(pulled.json().get("watermark").longValue()).isGreaterThanOrEqualTo(cursor);
    }

    @Test
    void theTaskListShowsTheLatestStateOfEachTaskByLogOrder() {
        for (String status : List.of("pending", "in_progress", "completed")) {
            api.post("/api/v1/context/tasks/", laptop, ApiClient.json(Map.of("task_id", "t-7",
                    "description", "ship it", "status", status, "tool_success_count", status.length())));
        }
        long last = api.post("/api/v1/context/tasks/", laptop, ApiClient.json(Map.of("task_id", "t-8",
                "description", "other", "status", "pending"))).json().get("cursor").longValue();
        pullAll(desktop, -1, 500, last);

        JsonNode tasks = api.get("/api/v1/context/tasks/", desktop).json().get("tasks");

        assertThat(tasks).hasSize(2);
        assertThat(tasks.get(0).get("task_id").stringValue()).isEqualTo("t-7");
        assertThat(tasks.get(0).get("status").stringValue()).isEqualTo("completed");
        assertThat(tasks.get(0).get("tool_success_count").intValue()).isEqualTo("completed".length());
        assertThat(api.get("/api/v1/context/status", desktop).json().get("counts").get("task").longValue()).isEqualTo(4);
    }

    @Test
    void badPullParametersAre400() {
        for (String query : List.of("cursor=abc", "cursor=-2", "limit=0", "limit=100000", "kinds=gossip",
                "wait_for=-1", "timeout_ms=999999", "bogus=1", "cursor=1&cursor=2", "project_id=%FF%FE")) {
            Response response = api.get("/api/v1/context/pull?" + query, desktop);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
        assertThat(api.get("/api/v1/context/pull", null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/context/decisions/?cursor=%C3", desktop).status()).as("not UTF-8").isEqualTo(400);
    }

    /** Pages with the given limit until has_more is false, after the projector passed {@code until}. */
    private List<JsonNode> pullAll(String token, long from, int limit, long until) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                api.get("/api/v1/context/pull?limit=1&cursor=" + (until - 1), token).json().get("watermark").longValue() >= until);
        List<JsonNode> events = new ArrayList<>();
        long cursor = from;
        while (true) {
            JsonNode page = api.get("/api/v1/context/pull?limit=" + limit + "&cursor=" + cursor, token).json();
            page.get("events").forEach(events::add);
            cursor = page.get("next_cursor").longValue();
            if (!page.get("has_more").booleanValue()) {
                return events;
            }
        }
    }

    private static String item(int i) {
        return ApiClient.json(Map.of("kind", "message", "message_id", "m-" + i, "session_id", "s",
                "role", "user", "content", "message " + i));
    }
}
