package io.contextstore.ingest.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.ingest.IngestFixture;
import io.contextstore.testing.ApiClient;
import io.contextstore.testing.ApiClient.Response;
import io.contextstore.testing.Tenants.TestTenant;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every client mistake is a 4xx problem+json that names what is wrong, and nothing is written. */
class BadInputIT {

    private final IngestFixture ingest = IngestFixture.shared();
    private final ApiClient api = ingest.client();
    private TestTenant tenant;
    private String token;

    @BeforeEach
    void newTenant() {
        tenant = ingest.tenants().create("alice");
        token = api.login(tenant.licenseKey(), "laptop");
    }

    @AfterEach
    void nothingWasWritten() {
        assertThat(ingest.topic().eventsOf(tenant.tenantId())).isEmpty();
    }

    @Test
    void aBodyThatIsNotJsonByContentTypeIs415() {
        assertProblem(api.post("/api/v1/context/push", token, bytes(validDecision()), "text/plain"), 415);
        assertProblem(api.post("/api/v1/context/push", token, bytes(validDecision()), null), 415);
        assertProblem(api.post("/api/v1/context/push", token, bytes(validDecision()),
                "application/json; charset=ISO-8859-1"), 415);
    }

    @Test
    void aBodyOverTheLimitIs413EveryTimeNotAResetConnection() {
        byte[] huge = new byte[5 * 1024 * 1024 + 1];
        java.util.Arrays.fill(huge, (byte) ' ');
        // refused from Content-Length, unread: the client is still writing when the answer comes
        for (int attempt = 0; attempt < 8; attempt++) {
            assertProblem(api.post("/api/v1/context/push", token, huge, "application/json"), 413);
        }
    }

    @Test
    void malformedJsonIs400() {
        assertThat(assertProblem(post("{\"kind\": \"decision\", "), 400)).contains("line 1");
        assertProblem(post(""), 400);
        assertProblem(post("{\"kind\": \"decision\"} trailing"), 400);
    }

    @Test
    void duplicateMemberNamesAre400() {
        assertThat(assertProblem(post("{\"kind\":\"decision\",\"title\":\"a\",\"title\":\"b\",\"decision\":\"d\"}"), 400))
                .contains("title");
    }

    @Test
    void unknownFieldsAre400NamingTheField() {
        assertThat(assertProblem(post(with("bogus", 1)), 400)).contains("/bogus");
        assertThat(assertProblem(post(with("tenant_id", tenant.tenantId().toString())), 400)).contains("/tenant_id");
    }

    @Test
    void missingFieldsAre400NamingTheField() {
        Map<String, Object> item = new HashMap<>(validDecision());
        item.remove("decision");
        assertThat(assertProblem(post(ApiClient.json(item)), 400)).contains("/decision").contains("required");
        assertThat(assertProblem(post(ApiClient.json(Map.of("title", "no kind", "decision", "d"))), 400))
                .contains("/kind");
    }

    @Test
    void wrongTypesAre400NamingTheField() {
        assertThat(assertProblem(post(with("title", 42)), 400)).contains("/title").contains("string");
        assertThat(assertProblem(api.post("/api/v1/context/tasks/", token, ApiClient.json(Map.of("task_id", "t",
                "description", "d", "status", "pending", "tool_error_count", -1))), 400)).contains("/tool_error_count");
        assertThat(assertProblem(api.post("/api/v1/context/tasks/", token, ApiClient.json(Map.of("task_id", "t",
                "description", "d", "status", "pending", "tool_error_count", 1.5))), 400)).contains("/tool_error_count");
        assertThat(assertProblem(post(with("tags", "not-a-list")), 400)).contains("/tags");
        assertThat(assertProblem(post("[1, 2]"), 400)).contains("object");
    }

    @Test
    void overLongStringsNulCharactersAndLoneSurrogatesAre400() {
        assertThat(assertProblem(post(with("title", "x".repeat(501))), 400)).contains("/title").contains("500");
        assertThat(assertProblem(post(with("title", "nul\u0000inside")), 400)).contains("NUL");
        assertThat(assertProblem(post("{\"kind\":\"decision\",\"title\":\"\\ud800\",\"decision\":\"d\"}"), 400))
                .contains("surrogate");
    }

    @Test
    void valuesOutsideTheirVocabularyAre400() {
        assertThat(assertProblem(post(with("kind", "gossip")), 400)).contains("/kind");
        assertThat(assertProblem(api.post("/api/v1/context/tasks/", token, ApiClient.json(Map.of("task_id", "t",
                "description", "d", "status", "whatever"))), 400)).contains("/status");
        assertThat(assertProblem(api.post("/api/v1/context/tasks/", token, ApiClient.json(Map.of("kind", "decision",
                "task_id", "t", "description", "d", "status", "pending"))), 400)).contains("/kind");
    }

    @Test
    void oneBadItemRejectsTheWholeBatchAndNamesIt() {
        List<Object> items = new ArrayList<>(List.of(validDecision(), validDecision("other")));
        items.add(Map.of("kind", "decision", "title", "missing its decision"));

        String detail = assertProblem(post(ApiClient.json(Map.of("items", items))), 400);

        assertThat(detail).contains("/items/2/decision");
    }

    @Test
    void aBatchOfMoreThanAThousandItemsIs400() {
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            items.add(validDecision("d" + i));
        }
        assertThat(assertProblem(post(ApiClient.json(Map.of("items", items))), 400)).contains("/items");
        assertThat(assertProblem(post("{\"items\": []}"), 400)).contains("/items");
    }

    private Response post(String body) {
        return api.post("/api/v1/context/push", token, body);
    }

    /** Asserts a problem+json of the status and returns its detail. */
    private static String assertProblem(Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("status").intValue()).isEqualTo(status);
        assertThat(response.json().get("title").stringValue()).isNotBlank();
        return response.json().get("detail").stringValue();
    }

    private static String with(String field, Object value) {
        Map<String, Object> item = new HashMap<>(validDecision());
        item.put(field, value);
        return ApiClient.json(item);
    }

    private static Map<String, Object> validDecision() {
        return validDecision("Use records");
    }

    private static Map<String, Object> validDecision(String title) {
        return Map.of("kind", "decision", "title", title, "decision", "records for events");
    }

    private static byte[] bytes(Map<String, Object> item) {
        return ApiClient.json(item).getBytes(StandardCharsets.UTF_8);
    }
}
