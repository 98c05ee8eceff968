package io.contextstore.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.testing.ApiClient;
import io.contextstore.testing.Tenants.TestTenant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Invariants I1 and I3 inside a tenant (ADR 2): deduplication never crosses a visibility boundary. Two
 * users pushing the same private content each get an event of their own and learn nothing of the
 * other's; the same shared content is still one event.
 */
class IdentityWithinScopeIT {

    private final RunningServices services = RunningServices.shared();
    private final ApiClient api = services.client();

    @Test
    void twoUsersPushingTheSameTaskMessageAndToolAnalyticsEachGetTheirOwnEventAndNeitherLearnsOfTheOther() {
        TestTenant alice = services.tenants().create("alice");
        TestTenant bob = services.tenants().member(alice.tenantId(), "bob");
        String alices = api.login(alice.licenseKey(), "laptop");
        String bobs = api.login(bob.licenseKey(), "workstation");
        Map<String, Object> task = Map.of("task_id", "T-1", "description", "Fix the login bug", "status", "pending");
        Map<String, Object> message = Map.of("session_id", "s1", "message_id", "1", "role", "user", "content", "ok");
        Map<String, Object> tools = Map.of("session_id", "s1", "tool_name", "Bash", "calls", 3, "errors", 1);

        JsonNode aliceTask = api.post("/api/v1/context/tasks/", alices, ApiClient.json(task)).json();
        JsonNode aliceMessage = api.post("/api/v1/context/messages/", alices, ApiClient.json(message)).json();
        JsonNode aliceTools = api.post("/api/v1/context/tool-analytics/", alices, ApiClient.json(tools)).json();
        JsonNode bobTask = api.post("/api/v1/context/tasks/", bobs, ApiClient.json(task)).json();
        JsonNode bobMessage = api.post("/api/v1/context/messages/", bobs, ApiClient.json(message)).json();
        JsonNode bobTools = api.post("/api/v1/context/tool-analytics/", bobs, ApiClient.json(tools)).json();

        for (JsonNode answer : List.of(aliceTask, aliceMessage, aliceTools, bobTask, bobMessage, bobTools)) {
            assertThat(answer.get("status").stringValue()).isEqualTo("created");
        }
        assertThat(bobTask.get("id")).isNotEqualTo(aliceTask.get("id"));
        assertThat(bobMessage.get("id")).isNotEqualTo(aliceMessage.get("id"));
        assertThat(bobTools.get("id")).isNotEqualTo(aliceTools.get("id"));
        awaitWatermark(bobs, bobTools.get("cursor").longValue());
        assertThat(ids(pull(bobs))).containsExactlyInAnyOrder(id(bobTask), id(bobMessage), id(bobTools));
        assertThat(ids(pull(alices))).containsExactlyInAnyOrder(id(aliceTask), id(aliceMessage), id(aliceTools));
        assertThat(api.get("/api/v1/context/tool-analytics/", bobs).json().get("tool_analytics")).singleElement()
                .satisfies(t -> assertThat(t.get("user_id").stringValue()).isEqualTo("bob"));
        assertThat(api.get("/api/v1/context/tasks/", bobs).json().get("tasks")).singleElement()
                .satisfies(t -> assertThat(t.get("user_id").stringValue()).isEqualTo("bob"));
        assertThat(api.get("/api/v1/context/tasks/", alices).json().get("tasks")).singleElement()
                .satisfies(t -> assertThat(t.get("user_id").stringValue()).isEqualTo("alice"));
    }

    @Test
    void theSameDecisionFromTwoMembersIsStillOneEvent() {
        TestTenant alice = services.tenants().create("alice");
        TestTenant bob = services.tenants().member(alice.tenantId(), "bob");
        String decision = ApiClient.json(Map.of("title", "One broker per tenant partition", "decision", "keyed by tenant"));

        JsonNode first = api.post("/api/v1/context/decisions/", api.login(alice.licenseKey(), "laptop"), decision).json();
        JsonNode second = api.post("/api/v1/context/decisions/", api.login(bob.licenseKey(), "desk"), decision).json();

        assertThat(first.get("status").stringValue()).isEqualTo("created");
        assertThat(second.get("status").stringValue()).isEqualTo("duplicate");
        assertThat(second.get("id")).isEqualTo(first.get("id"));
    }

    @Test
    void statusCountsOnlyWhatTheCallerCanRead() {
        TestTenant alice = services.tenants().create("alice");
        TestTenant carol = services.tenants().member(alice.tenantId(), "carol");
        String alices = api.login(alice.licenseKey(), "laptop");
        api.post("/api/v1/context/messages/", alices, ApiClient.json(Map.of("session_id", "s", "message_id", "1",
                "role", "user", "content", "private")));
        api.post("/api/v1/context/tasks/", alices, ApiClient.json(Map.of("task_id", "t", "description", "private",
                "status", "pending")));
        long last = api.post("/api/v1/context/decisions/", alices, ApiClient.json(Map.of("title", "shared",
                "decision", "d"))).json().get("cursor").longValue();
        String carols = api.login(carol.licenseKey(), "desk");
        awaitWatermark(carols, last);

        JsonNode carolsCounts = api.get("/api/v1/context/status", carols).json().get("counts");
        JsonNode alicesCounts = api.get("/api/v1/context/status", alices).json().get("counts");

        assertThat(carolsCounts.get("message").longValue()).isZero();
        assertThat(carolsCounts.get("task").longValue()).isZero();
        assertThat(carolsCounts.get("decision").longValue()).isEqualTo(1);
        assertThat(alicesCounts.get("message").longValue()).isEqualTo(1);
        assertThat(alicesCounts.get("task").longValue()).isEqualTo(1);
    }

    private void awaitWatermark(String token, long position) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                api.get("/api/v1/context/status", token).json().get("watermark").longValue() >= position);
    }

    private List<JsonNode> pull(String token) {
        List<JsonNode> events = new ArrayList<>();
        api.get("/api/v1/context/pull?cursor=0&limit=500", token).json().get("events").forEach(events::add);
        return events;
    }

    private static List<String> ids(List<JsonNode> events) {
        return events.stream().map(e -> e.get("id").stringValue()).toList();
    }

    private static String id(JsonNode answer) {
        return answer.get("id").stringValue();
    }
}
