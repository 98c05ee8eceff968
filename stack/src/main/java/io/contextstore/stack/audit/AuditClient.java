package io.contextstore.stack.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit API as the replay command uses it: log in with an auditor's license key, then stream
 * a tenant's log and its stored chain as JSON Lines. Anything but a 200 is an {@link AuditApiException}
 * carrying the problem+json detail.
 */
final class AuditClient {

    /** A JSON Lines response being read; closing it abandons the rest. */
    record Lines(HttpResponse<Stream<String>> response) implements AutoCloseable {

        long header(String name) {
            return Long.parseLong(response.headers().firstValue(name).orElseThrow(() ->
                    new IllegalStateException("the audit API did not send " + name)));
        }

        Iterator<String> iterator() {
            return response.body().iterator();
        }

        @Override
        public void close() {
            response.body().close();
        }
    }

    static final class AuditApiException extends RuntimeException {
        private final int status;

        AuditApiException(int status, String message) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String baseUrl;

    AuditClient(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    String login(String licenseKey, String deviceId) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/auth/license/"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("license_key", licenseKey, "device_id", deviceId))))
                .build();
        HttpResponse<String> response = send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw failure(response.statusCode(), response.body());
        }
        return JSON.readTree(response.body()).get("access_token").stringValue();
    }

    Lines events(String token, UUID tenant, Long fromOffset, String fromTime) {
        String query = fromOffset != null ? "?from_offset=" + fromOffset
                : fromTime != null ? "?from_time=" + URLEncoder.encode(fromTime, StandardCharsets.UTF_8) : "";
        return lines(token, "/api/v1/audit/tenants/" + tenant + "/events" + query);
    }

    JsonNode chain(String token, UUID tenant) {
        HttpResponse<String> response = send(get(token, "/api/v1/audit/tenants/" + tenant + "/chain"),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw failure(response.statusCode(), response.body());
        }
        return JSON.readTree(response.body());
    }

    Lines links(String token, UUID tenant) {
        return lines(token, "/api/v1/audit/tenants/" + tenant + "/chain/links");
    }

    private Lines lines(String token, String path) {
        HttpResponse<Stream<String>> response = send(get(token, path), HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            String body;
            try (Stream<String> lines = response.body()) {
                body = String.join("\n", lines.toList());
            }
            throw failure(response.statusCode(), body);
        }
        return new Lines(response);
    }

    private HttpRequest get(String token, String path) {
        // no request timeout: a long replay streams for as long as the log is
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Authorization", "Bearer " + token).GET().build();
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new UncheckedIOException("the API at " + baseUrl + " is unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static AuditApiException failure(int status, String body) {
        String detail = body;
        try {
            JsonNode problem = JSON.readTree(body);
            if (problem.hasNonNull("detail")) {
                detail = problem.get("detail").stringValue();
            }
        } catch (RuntimeException notJson) {
            // keep the body as it is
        }
        return new AuditApiException(status, "the audit API answered " + status + ": " + detail);
    }
}
