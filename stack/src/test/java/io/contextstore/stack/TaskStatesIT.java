package io.contextstore.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.testing.ApiClient;
import io.contextstore.testing.ApiClient.Response;
import io.contextstore.testing.Tenants.TestTenant;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A task that returns to an earlier state is a new event; a retry of the current state is not (ADR 2).
 * Pushed with our fields and with the original client's payloads (every default spelled out).
 */
class TaskStatesIT {

    private static final List<String> STATES = List.of("pending", "in_progress", "pending", "completed", "pending");

    private final RunningServices services = RunningServices.shared();
    private final ApiClient api = services.client();

    @Test
    void aTaskThatReturnsToEarlierStatesEndsInItsLastStateOnEveryDeviceAndEachRetryAppendsNothing() {
        assertStatesEndPending(Map.of());
    }

    @Test
    void theSameHoldsForTheOriginalClientsPayloadsWithTheirDefaults() {
        assertStatesEndPending(Map.of("outcome", "", "project_id", "", "tool_success_count", 0, "tool_error_count", 0,
                "user_corrections", 0));
    }

    private void assertStatesEndPending(Map<String, Object> defaults) {
        TestTenant alice = services.tenants().create("alice");
        String laptop = api.login(alice.licenseKey(), "laptop");
        String desktop = api.login(alice.licenseKey(), "desktop");
        long cursor = 0;
        for (String status : STATES) {
            Map<String, Object> task = new LinkedHashMap<>(Map.of("task_id", "R-7", "description", "Reopen me",
                    "status", status));
            task.putAll(defaults);
            Response pushed = api.post("/api/v1/context/tasks/", laptop, ApiClient.json(task));
            int inLog = services.topic().eventsOf(alice.tenantId()).size();
            Response retried = api.post("/api/v1/context/tasks/", laptop, ApiClient.json(task));

            assertThat(pushed.status()).as(status + ": " + pushed.body()).isEqualTo(201);
            assertThat(retried.status()).isEqualTo(200);
            assertThat(retried.json().get("status").stringValue()).isEqualTo("duplicate");
            assertThat(retried.json().get("id")).isEqualTo(pushed.json().get("id"));
            assertThat(services.topic().eventsOf(alice.tenantId())).as("a retry appends nothing").hasSize(inLog);
            cursor = pushed.json().get("cursor").longValue();
        }
        awaitWatermark(desktop, cursor);

        for (String device : List.of(laptop, desktop)) {
            JsonNode tasks = api.get("/api/v1/context/tasks/?cursor=0", device).json().get("tasks");
            assertThat(tasks).singleElement().satisfies(t -> assertThat(t.get("status").stringValue()).isEqualTo("pending"));
            JsonNode events = api.get("/api/v1/context/pull?cursor=0&kinds=task", device).json().get("events");
            assertThat(events).extracting(e -> e.get("data").get("status").stringValue()).containsExactlyElementsOf(STATES);
        }
    }

    private void awaitWatermark(String token, long position) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                api.get("/api/v1/context/status", token).json().get("watermark").longValue() >= position);
    }
}
