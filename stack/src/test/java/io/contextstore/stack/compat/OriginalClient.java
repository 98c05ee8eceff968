package io.contextstore.stack.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ADR-053 {@code CloudSyncClient}, request for request: the bodies {@code requests} sends for
 * {@code json=...} (Python's {@code json.dumps} with its default separators and ASCII escapes), its
 * default headers, {@code params={"cursor": n}} as a query string, and the paths of its endpoint table.
 */
final class OriginalClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What the original's {@code @dataclass TaskEvent} holds, in field order, with its defaults. */
    record TaskEvent(String taskId, String description, String status, String outcome, String projectId,
                     int toolSuccessCount, int toolErrorCount, int userCorrections) {

        TaskEvent(String taskId, String description, String status) {
            this(taskId, description, status, "", "", 0, 0, 0);
        }

        /** {@code dataclasses.asdict(task)}. */
        Map<String, Object> asdict() {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("task_id", taskId);
            fields.put("description", description);
            fields.put("status", status);
            fields.put("outcome", outcome);
            fields.put("project_id", projectId);
            fields.put("tool_success_count", toolSuccessCount);
            fields.put("tool_error_count", toolErrorCount);
            fields.put("user_corrections", userCorrections);
            return fields;
        }
    }

    record Answer(int status, JsonNode json) {
        boolean ok() {
            return status < 400;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String apiUrl;
    private String token;

    OriginalClient(String apiUrl) {
        this.apiUrl = apiUrl;
    }

    /** {@code authenticate(license_key)}: only the key, no device. */
    boolean authenticate(String licenseKey) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("license_key", licenseKey);
        Answer answer = post("/api/v1/auth/license/", body);
        if (answer.ok()) {
            token = answer.json().get("access_token").stringValue();
        }
        return answer.ok();
    }

    /** {@code push_task(task)}: {@code requests.post(..., json=asdict(task))}. */
    Answer pushTask(TaskEvent task) {
        return post("/api/v1/context/tasks/", task.asdict());
    }

    /** {@code pull_decisions(since_cursor)}: {@code params={"cursor": since_cursor}}. */
    Answer pullDecisions(long sinceCursor) {
        return get("/api/v1/context/decisions/?cursor=" + sinceCursor);
    }

    Answer get(String pathAndQuery) {
        return send(request(pathAndQuery).GET());
    }

    Answer post(String path, Map<String, Object> body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(pythonJsonDumps(body), StandardCharsets.US_ASCII)));
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(apiUrl + pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .header("User-Agent", "python-requests/2.31.0")
                .header("Accept-Encoding", "gzip, deflate")
                .header("Accept", "*/*");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code json.dumps(value)}: ", " and ": " separators, non-ASCII as \\uXXXX escapes. */
    static String pythonJsonDumps(Map<String, Object> value) {
        StringBuilder out = new StringBuilder("{");
        value.forEach((name, member) -> {
            out.append(out.length() == 1 ? "" : ", ").append(pythonString(name)).append(": ");
            out.append(member instanceof String text ? pythonString(text) : String.valueOf(member));
        });
        return out.append('}').toString();
    }

    private static String pythonString(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }
}
