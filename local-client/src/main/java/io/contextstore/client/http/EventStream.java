package io.contextstore.client.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One connection to {@code GET /api/v1/context/stream} (Server-Sent Events, ADR 38), read line by line.
 * {@link #next()} answers the next event, {@link #ALIVE} for a heartbeat, or null when the server ended it.
 */
public final class EventStream implements AutoCloseable {

    /** An event: its id is its cursor. */
    public record ServerEvent(long id, String name, String data) {
    }

    /** A heartbeat or another comment: the connection is alive. */
    public static final ServerEvent ALIVE = new ServerEvent(-1, "alive", "");

    private final HttpAnswer refused;
    private final InputStream body;
    private final BufferedReader lines;

    private EventStream(HttpAnswer refused, InputStream body) {
        this.refused = refused;
        this.body = body;
        this.lines = body == null ? null : new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    }

    /** Opens the stream; a refusal (401, 429, 503 ...) is answered by {@link #refused()}, the stream then being empty. */
    public static EventStream open(ContextApi api, String pathAndQuery, String token) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(api.baseUrl() + pathAndQuery))
                .header("Accept", "text/event-stream").header("Authorization", "Bearer " + token).GET().build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                try (InputStream in = response.body()) {
                    return new EventStream(new HttpAnswer(response.statusCode(), response.headers().map(),
                            new String(in.readAllBytes(), StandardCharsets.UTF_8)), null);
                }
            }
            return new EventStream(null, response.body());
        } catch (IOException e) {
            throw new ServerUnavailable("cannot reach " + api.baseUrl() + ": " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerUnavailable("interrupted while opening the stream", e);
        }
    }

    /** The answer when the server refused the stream; null when it is open. */
    public HttpAnswer refused() {
        return refused;
    }

    /** The next event or {@link #ALIVE}; null when the stream ended. Throws on a broken connection. */
    public ServerEvent next() throws IOException {
        if (lines == null) {
            return null;
        }
        long id = -1;
        String name = "message";
        StringBuilder data = null;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.isEmpty()) {
                if (data != null) {
                    return new ServerEvent(id, name, data.toString());
                }
            } else if (line.startsWith(":")) {
                return ALIVE;
            } else if (line.startsWith("id:")) {
                id = Long.parseLong(line.substring(3).trim());
            } else if (line.startsWith("event:")) {
                name = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                String value = line.substring(line.startsWith("data: ") ? 6 : 5);
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            }
        }
        return null;
    }

    @Override
    public void close() {
        if (body != null) {
            try {
                body.close(); // closes the connection: the server frees the stream at its next write
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
