package io.contextstore.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.testing.ApiClient;
import io.contextstore.testing.Tenants.TestTenant;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Tool analytics, the kind added through the catalogue: pushed, deduplicated, pulled and listed like the others. */
class ToolAnalyticsIT {

    private final RunningServices services = RunningServices.shared();
    private final ApiClient api = services.client();

    @Test
    void newTotalsAreNewEventsARetryIsADuplicateAndTheListShowsTheLatestTotalsPerSessionAndTool() {
        TestTenant alice = services.tenants().create("alice");
        String laptop = api.login(alice.licenseKey(), "laptop");
        String desktop = api.login(alice.licenseKey(), "desktop");

        JsonNode first = push(laptop, Map.of("session_id", "s1", "tool_name", "Bash", "calls", 1, "project_id", "ctx"));
        JsonNode retry = push(laptop, Map.of("session_id", "s1", "tool_name", "Bash", "calls", 1, "errors", 0,
                "project_id", "ctx"));
        JsonNode later = push(laptop, Map.of("session_id", "s1", "tool_name", "Bash", "calls", 4, "errors", 1,
                "project_id", "ctx"));
        JsonNode other = push(laptop, Map.of("session_id", "s1", "tool_name", "Edit", "calls", 2, "project_id", "ctx"));

        assertThat(first.get("status").stringValue()).isEqualTo("created");
        assertThat(retry.get("status").stringValue()).isEqualTo("duplicate");
        assertThat(retry.get("id")).isEqualTo(first.get("id"));
        assertThat(later.get("status").stringValue()).isEqualTo("created");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                api.get("/api/v1/context/status", desktop).json().get("watermark").longValue() >= other.get("cursor").longValue());
        JsonNode list = api.get("/api/v1/context/tool-analytics/?cursor=0", desktop).json().get("tool_analytics");
        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("tool_name").stringValue()).isEqualTo("Bash");
        assertThat(list.get(0).get("calls").intValue()).isEqualTo(4);
        assertThat(list.get(0).get("errors").intValue()).isEqualTo(1);
        assertThat(list.get(0).get("project_id").stringValue()).isEqualTo("ctx");
        assertThat(api.get("/api/v1/context/pull?kinds=tool_analytics", desktop).json().get("events")).hasSize(3);
        assertThat(api.get("/api/v1/context/status", desktop).json().get("counts").get("tool_analytics").longValue())
                .isEqualTo(3);
    }

    @Test
    void badToolAnalyticsAre400sNamingTheField() {
        String token = api.login(services.tenants().create("alice").licenseKey(), "laptop");

        ApiClient.Response negative = api.post("/api/v1/context/tool-analytics/", token,
                ApiClient.json(Map.of("session_id", "s1", "tool_name", "Bash", "calls", -1)));
        ApiClient.Response noTool = api.post("/api/v1/context/tool-analytics/", token,
                ApiClient.json(Map.of("session_id", "s1", "calls", 1)));

        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.json().get("detail").stringValue()).startsWith("/calls:");
        assertThat(noTool.json().get("detail").stringValue()).isEqualTo("/tool_name: is required");
    }

    private JsonNode push(String token, Map<String, Object> item) {
        return api.post("/api/v1/context/tool-analytics/", token, ApiClient.json(item)).json();
    }
}
