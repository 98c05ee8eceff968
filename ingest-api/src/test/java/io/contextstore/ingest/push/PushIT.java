package io.contextstore.ingest.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.events.CloudEventHeaders;
import io.contextstore.ingest.IngestFixture;
import io.contextstore.testing.ApiClient;
import io.contextstore.testing.ApiClient.Response;
import io.contextstore.testing.AvscFiles;
import io.contextstore.testing.Tenants.TestTenant;
import io.contextstore.testing.TopicReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PushIT {

    private final IngestFixture ingest = IngestFixture.shared();
    private ApiClient api;
    private TestTenant tenant;
    private String token;

    @BeforeEach
    void newTenant() {
        api = ingest.client();
        tenant = ingest.tenants().create("alice");
        token = api.login(tenant.licenseKey(), "laptop");
    }

    @Test
    void aPushedItemLandsInKafkaKeyedByTenantWithCloudEventsHeadersAndDecodesWithTheAvscFilesAlone() {
        Response response = api.post("/api/v1/context/push", token, decision("Use Kafka"));

        assertThat(response.status()).isEqualTo(201);
        JsonNode result = response.json();
        assertThat(result.get("status").stringValue()).isEqualTo("created");
        List<ConsumerRecord<byte[], byte[]>> records = ingest.topic().eventsOf(tenant.tenantId());
        assertThat(records).hasSize(1);
        ConsumerRecord<byte[], byte[]> record = records.get(0);
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(tenant.tenantId().toString());
        assertThat(record.offset()).as("the cursor is the position after the event").isEqualTo(result.get("cursor").longValue() - 1);
        Map<String, String> headers = CloudEventHeaders.read(record.headers());
        assertThat(headers).containsEntry("ce_specversion", "1.0")
                .containsEntry("ce_id", result.get("id").stringValue())
                .containsEntry("ce_type", "io.contextstore.DecisionRecorded")
                .containsEntry("ce_source", "/contextstore/tenants/" + tenant.tenantId())
                .containsEntry("content-type", "application/avro")
                .containsKey("ce_time");
        GenericRecord event = AvscFiles.decodeGeneric(record.value());
        assertThat(event.get("tenant_id").toString()).isEqualTo(tenant.tenantId().toString());
        assertThat(event.get("user_id").toString()).isEqualTo("alice");
        assertThat(event.get("device_id").toString()).isEqualTo("laptop");
        assertThat(event.get("event_id").toString()).isEqualTo(result.get("id").stringValue());
        assertThat(event.get("content_hash").toString()).isEqualTo(result.get("content_hash").stringValue());
        assertThat(((GenericRecord) event.get("payload")).get("title").toString()).isEqualTo("Use Kafka");
    }

    @Test
    void theSameItemAgainIsADuplicateWithTheSameIdAndAppendsNothing() {
        JsonNode first = api.post("/api/v1/context/push", token, decision("Same")).json();

        Response again = api.post("/api/v1/context/push", token, decision("Same"));

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("status").stringValue()).isEqualTo("duplicate");
        assertThat(again.json().get("id")).isEqualTo(first.get("id"));
        assertThat(again.json().get("cursor")).isEqualTo(first.get("cursor"));
        assertThat(ingest.topic().eventsOf(tenant.tenantId())).hasSize(1);
    }

    @Test
    void theSameContentFromAnotherDeviceOfTheTenantIsTheSameEvent() {
        JsonNode first = api.post("/api/v1/context/push", token, decision("Shared")).json();
        TestTenant bob = ingest.tenants().member(tenant.tenantId(), "bob");
        String bobsToken = api.login(bob.licenseKey(), "desktop");

        JsonNode second = api.post("/api/v1/context/push", bobsToken, decision("Shared")).json();

        assertThat(second.get("status").stringValue()).isEqualTo("duplicate");
        assertThat(second.get("id")).isEqualTo(first.get("id"));
        assertThat(ingest.topic().eventsOf(tenant.tenantId())).hasSize(1);
    }

    @Test
    void aBatchThatRepeatsItemsIsAnsweredPerItemAndAppendsEachContentOnce() {
        api.post("/api/v1/context/push", token, decision("Known before"));
        String batch = ApiClient.json(Map.of("items", List.of(
                decisionItem("A"), decisionItem("Known before"), decisionItem("A"), decisionItem("B"))));

        Response response = api.post("/api/v1/context/push", token, batch);

        assertThat(response.status()).isEqualTo(200);
        JsonNode results = response.json().get("results");
        assertThat(results).hasSize(4);
        assertThat(results.get(0).get("status").stringValue()).isEqualTo("created");
        assertThat(results.get(1).get("status").stringValue()).isEqualTo("duplicate");
        assertThat(results.get(2).get("status").stringValue()).isEqualTo("duplicate");
        assertThat(results.get(2).get("id")).isEqualTo(results.get(0).get("id"));
        assertThat(results.get(2).get("cursor")).isEqualTo(results.get(0).get("cursor"));
        assertThat(results.get(3).get("status").stringValue()).isEqualTo("created");
        assertThat(ingest.topic().eventsOf(tenant.tenantId())).hasSize(3);
    }

    @Test
    void theTasksEndpointTakesTheOriginalTaskEventFields() {
        String task = ApiClient.json(Map.of("task_id", "t-1", "description", "Write the projector",
                "status", "in_progress", "outcome", "half done", "project_id", "ctx",
                "tool_success_count", 3, "tool_error_count", 1, "user_corrections", 0));

        Response response = api.post("/api/v1/context/tasks/", token, task);

        assertThat(response.status()).isEqualTo(201);
        GenericRecord event = AvscFiles.decodeGeneric(ingest.topic().eventsOf(tenant.tenantId()).get(0).value());
        GenericRecord payload = (GenericRecord) event.get("payload");
        assertThat(payload.getSchema().getName()).isEqualTo("TaskTracked");
        assertThat(payload.get("status").toString()).isEqualTo("in_progress");
        assertThat(payload.get("tool_success_count")).isEqualTo(3);
        assertThat(event.get("project_id").toString()).isEqualTo("ctx");
    }

    @Test
    void everyKindHasItsEndpoint() {
        assertThat(api.post("/api/v1/context/decisions/", token,
                ApiClient.json(Map.of("title", "t", "decision", "d"))).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/context/learnings/", token,
                ApiClient.json(Map.of("skill", "maven", "learning", "use -am"))).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/context/error-solutions/", token,
                ApiClient.json(Map.of("error", "NPE", "solution", "check null"))).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/context/messages/", token, ApiClient.json(Map.of("message_id", "m1",
                "session_id", "s1", "role", "user", "content", "hello"))).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/context/project-context/", token, ApiClient.json(Map.of("project_id", "ctx",
                "title", "conventions", "content", "records everywhere"))).status()).isEqualTo(201);
        assertThat(ingest.topic().eventsOf(tenant.tenantId())).hasSize(5);
    }

    static String decision(String title) {
        return ApiClient.json(decisionItem(title));
    }

    static Map<String, Object> decisionItem(String title) {
        return Map.of("kind", "decision", "title", title, "decision", "we do " + title, "tags", List.of("arch"));
    }
}
