package io.contextstore.client.http;

import java.util.List;
import java.util.Map;

/** A server's answer: status, headers and body as text. */
public record HttpAnswer(int status, Map<String, List<String>> headers, String body) {

    public String header(String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(e -> e.getValue().isEmpty() ? null : e.getValue().get(0)).findFirst().orElse(null);
    }

    public boolean successful() {
        return status >= 200 && status < 300;
    }

    /** The server cannot answer now (5xx, or 408 and 429, which are about timing): not a refusal, try again later. */
    public boolean unavailable() {
        return status == 408 || status == 429 || status >= 500;
    }

    public Problem problem() {
        return Problem.parse(status, body);
    }
}
