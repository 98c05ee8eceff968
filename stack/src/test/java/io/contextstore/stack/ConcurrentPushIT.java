package io.contextstore.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.events.ContextEvent;
import io.contextstore.events.topic.Topics;
import io.contextstore.testing.ApiClient;
import io.contextstore.testing.ApiClient.Response;
import io.contextstore.testing.Tenants.TestTenant;
import io.contextstore.testing.TopicReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Invariant I2 under races: however many copies of a content reach Kafka, the read model holds one. */
class ConcurrentPushIT {

    private final RunningServices services = RunningServices.shared();
    private final ApiClient api = services.client();

    @Test
    void theSameContentPushedConcurrentlyIsOneRowWhateverReachesTheLog() throws Exception {
        TestTenant tenant = services.tenants().create("alice");
        String token = api.login(tenant.licenseKey(), "laptop");
        for (int round = 0; round < 10; round++) {
            String item = ApiClient.json(Map.of("kind", "decision", "title", "race " + round, "decision", "d"));
            List<Response> answers = eightAtOnce("/api/v1/context/push", token, item);
            assertThat(answers).extracting(Response::status).allMatch(status -> status == 200 || status == 201);
            assertThat(answers).extracting(r -> r.json().get("id").stringValue()).as("every answer names the same event")
                    .containsOnly(answers.get(0).json().get("id").stringValue());
        }
        forceASecondCopyOfTheFirstEvent(tenant);

        long copiesInLog = services.topic().eventsOf(tenant.tenantId()).size();
        assertThat(copiesInLog).as("at least the forced copy is extra").isGreaterThan(10);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                api.get("/api/v1/context/status", token).json().get("watermark").longValue()
                        > lastOffset(tenant));
        JsonPage page = pull(token);
        assertThat(page.titles()).hasSize(10).doesNotHaveDuplicates();
        assertThat(api.get("/api/v1/context/decisions/", token).json().get("decisions")).hasSize(10);
        assertThat(api.get("/api/v1/context/status", token).json().get("counts").get("decision").longValue()).isEqualTo(10);
    }

    /** What a lost acknowledgement and a retry can do: the same event twice in the log. */
    private void forceASecondCopyOfTheFirstEvent(TestTenant tenant) {
        ConsumerRecord<byte[], byte[]> first = services.topic().eventsOf(tenant.tenantId()).get(0);
        ContextEvent event = TopicReader.decode(first);
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers",
                services.infrastructure().kafkaBootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.CONTEXT_EVENTS.name(), first.key(),
                    Topics.CONTEXT_EVENTS.value().encode(event))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theSameTaskStatePushedConcurrentlyIsOneEventInTheReadModel() throws Exception {
        TestTenant tenant = services.tenants().create("alice");
        String token = api.login(tenant.licenseKey(), "laptop");
        String task = ApiClient.json(Map.of("task_id", "race", "description", "d", "status", "in_progress"));

        List<String> ids = eightAtOnce("/api/v1/context/tasks/", token, task).stream()
                .map(r -> r.json().get("id").stringValue()).toList();

        assertThat(ids).as("every answer names the same event").containsOnly(ids.get(0));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                api.get("/api/v1/context/status", token).json().get("watermark").longValue() > lastOffset(tenant));
        assertThat(api.get("/api/v1/context/pull?kinds=task", token).json().get("events")).hasSize(1);
    }

    /** Eight pushes of one body, released together. */
    private List<Response> eightAtOnce(String path, String token, String body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit((Callable<Response>) () -> {
                    start.await();
                    return api.post(path, token, body);
                }));
            }
            start.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> answer : answers) {
                responses.add(answer.get());
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    private long lastOffset(TestTenant tenant) {
        List<ConsumerRecord<byte[], byte[]>> records = services.topic().eventsOf(tenant.tenantId());
        return records.get(records.size() - 1).offset();
    }

    private JsonPage pull(String token) {
        List<String> titles = new ArrayList<>();
        api.get("/api/v1/context/pull?limit=1000", token).json().get("events")
                .forEach(e -> titles.add(e.get("data").get("title").stringValue()));
        return new JsonPage(titles);
    }

    private record JsonPage(List<String> titles) {
    }
}
