package io.contextstore.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.testing.ApiClient;
import io.contextstore.testing.Tenants.TestTenant;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The live stream (ADR 38) is served on the embedded stack's one port, beside every other endpoint. */
class LiveStreamIT {

    @Test
    void theStackServesTheStreamOnItsPortAndADecisionPushedThereArrivesOnItWithItsCursorAsId() throws Exception {
        RunningServices services = RunningServices.shared();
        ApiClient api = services.client();
        TestTenant alice = services.tenants().create("alice");
        String token = api.login(alice.licenseKey(), "laptop");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/v1/context/stream"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = stream.body()) {
            assertThat(stream.statusCode()).isEqualTo(200);
            assertThat(stream.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
            BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
            long cursor = api.post("/api/v1/context/decisions/", token, ApiClient.json(Map.of("title", "live",
                    "decision", "seen on the stream"))).json().get("cursor").longValue();

            CompletableFuture<String> data = CompletableFuture.supplyAsync(() -> {
                try {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        if (line.equals("id: " + cursor)) {
                            lines.readLine(); // event: event
                            return lines.readLine();
                        }
                    }
                    return null;
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            assertThat(data.get(60, TimeUnit.SECONDS)).startsWith("data: ").contains("seen on the stream");
        }
    }
}
