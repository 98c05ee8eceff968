package io.contextstore.ingest.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.events.topic.Topics;
import io.contextstore.ingest.IngestFixture;
import io.contextstore.redaction.Confidence;
import io.contextstore.redaction.Corpus;
import io.contextstore.redaction.Rule;
import io.contextstore.redaction.SecretDetector;
import io.contextstore.testing.ApiClient;
import io.contextstore.testing.Tenants.TestTenant;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server's second look (ADR 31): a secret that no client redacted, sent as curl would send it, is a 400
 * naming the field and the rule, and reaches neither Kafka, nor the problem, nor the logs.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretRefusalIT {

    private final IngestFixture ingest = IngestFixture.shared();
    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    private HttpResponse<String> curl(String token, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(ingest.client().baseUrl() + "/api/v1/context/push"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyHighConfidenceSecretOfTheCorpusIsRefusedNamingItsFieldAndRuleAndNothingOfItIsWrittenOrLogged(CapturedOutput output)
            throws Exception {
        TestTenant tenant = ingest.tenants().create("alice");
        String token = ingest.client().login(tenant.licenseKey(), "laptop");
        List<Corpus.Sample> refused = Corpus.positives().stream()
                .filter(sample -> Rule.byId(sample.rule()).orElseThrow().confidence() == Confidence.HIGH).toList();

        for (Corpus.Sample sample : refused) {
            String body = ApiClient.json(Map.of("items", List.of(Map.of("kind", "decision", "title", "fine", "decision", "fine"),
                    Map.of("kind", "decision", "title", "t", "decision", sample.text()))));
            HttpResponse<String> response = curl(token, body);

            assertThat(response.statusCode()).as(sample.toString()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/problem+json"));
            JsonNode problem = json.readTree(response.body());
            assertThat(problem.get("errors").get(0).get("pointer").stringValue()).isEqualTo("/items/1/decision");
            assertThat(problem.get("detail").stringValue()).contains("rule " + sample.rule());
            assertThat(response.body()).as(sample.toString()).doesNotContain(sample.secret());
        }

        assertThat(ingest.topic().eventsOf(tenant.tenantId())).isEmpty();
        List<String> secrets = refused.stream().map(Corpus.Sample::secret).toList();
        assertThat(ingest.topic().held(Topics.CONTEXT_EVENTS.name(), secrets)).isEmpty();
        assertThat(output.getAll()).as("the capture sees the service's logs").contains("POST /api/v1/context/push 400");
        assertThat(secrets).noneMatch(output.getAll()::contains);
    }

    /** The real curl, where the machine has one: what a user or script without ctx would send. */
    @Test
    void curlItselfGetsThe400AndTheSecretIsNowhereInTheAnswer() throws Exception {
        Path curl = Path.of("/usr/bin/curl");
        Assumptions.assumeTrue(Files.isExecutable(curl), "no curl on this machine");
        TestTenant tenant = ingest.tenants().create("alice");
        String token = ingest.client().login(tenant.licenseKey(), "laptop");
        Corpus.Sample sample = Corpus.positives().stream().filter(s -> s.rule().equals("aws-secret-access-key")).findFirst()
                .orElseThrow();

        Process process = new ProcessBuilder(curl.toString(), "-s", "-i", "-X", "POST",
                ingest.client().baseUrl() + "/api/v1/context/decisions/", "-H", "Authorization: Bearer " + token,
                "-H", "Content-Type: application/json", "--data-binary", "@-").redirectErrorStream(true).start();
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(ApiClient.json(Map.of("title", "deploy keys", "decision", sample.text())).getBytes(StandardCharsets.UTF_8));
        }
        String answer = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).isZero();
        System.out.println("curl -i answered:\n" + answer);

        assertThat(answer).startsWith("HTTP/1.1 400").contains("application/problem+json")
                .contains("\"pointer\":\"/decision\"").contains("rule aws-secret-access-key").doesNotContain(sample.secret());
        assertThat(ingest.topic().eventsOf(tenant.tenantId())).isEmpty();
    }

    @Test
    void aSecretInATagIsNamedByItsIndex() throws Exception {
        TestTenant tenant = ingest.tenants().create("alice");
        String token = ingest.client().login(tenant.licenseKey(), "laptop");
        String secret = Corpus.positives().stream().filter(sample -> sample.rule().equals("npm-token")).findFirst().orElseThrow().secret();

        HttpResponse<String> response = curl(token, ApiClient.json(Map.of("kind", "learning", "skill", "npm", "learning", "publish",
                "tags", List.of("npm", secret))));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body()).get("errors").get(0).get("pointer").stringValue()).isEqualTo("/tags/1");
        assertThat(response.body()).contains("rule npm-token").doesNotContain(secret);
        assertThat(ingest.topic().eventsOf(tenant.tenantId())).isEmpty();
    }

    @Test
    void aClientRedactedTextIsAcceptedAndTheGenericAssignmentRuleIsTheClientsAlone() throws Exception {
        TestTenant tenant = ingest.tenants().create("alice");
        String token = ingest.client().login(tenant.licenseKey(), "laptop");
        String redacted = SecretDetector.standard().redact(Corpus.positives().stream()
                .filter(sample -> sample.rule().equals("github-token")).findFirst().orElseThrow().text()).text();

        HttpResponse<String> response = curl(token, ApiClient.json(Map.of("kind", "message", "message_id", "m-1", "role", "user", "session_id", "s",
                "content", redacted + "\nDB_PASSWORD=Xk29-qLm4!zPw8")));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }
}
