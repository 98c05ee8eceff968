package io.contextstore.client.mcp;

import io.contextstore.client.LocalContext;
import io.contextstore.client.auth.Session;
import io.contextstore.client.http.HttpAnswer;
import io.contextstore.client.json.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The server's search ({@code GET /api/v1/context/search?q=}), asked only when logged in and only for
 * as long as an assistant would wait: any failure (not logged in, 404 from a server without the
 * endpoint, no connection, slow, an answer we cannot read) is a note, never an error of the tool.
 */
final class ServerSearch {

    /** Hits from the server, or why there are none. */
    record Answer(List<Map<String, Object>> hits, String note) {
    }

    private final LocalContext context;
    private final Duration patience;

    ServerSearch(LocalContext context, Duration patience) {
        this.context = context;
        this.patience = patience;
    }

    Answer search(String query, String kind, String project, int limit) {
        if (context.credentials().isEmpty()) {
            return new Answer(List.of(), "not logged in: local results only");
        }
        CompletableFuture<Answer> asked = CompletableFuture.supplyAsync(() -> ask(query, kind, project, limit));
        try {
            return asked.get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            asked.cancel(true);
            return new Answer(List.of(), "the server did not answer within " + patience.toMillis() + " ms: local results only");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(List.of(), "interrupted: local results only");
        } catch (java.util.concurrent.ExecutionException e) {
            return new Answer(List.of(), "server search unavailable (" + e.getCause().getMessage() + "): local results only");
        }
    }

    @SuppressWarnings("unchecked")
    private Answer ask(String query, String kind, String project, int limit) {
        Session session = context.session(null, patience);
        String path = "/api/v1/context/search?q=" + encode(query) + "&limit=" + limit
                + (kind == null ? "" : "&kinds=" + encode(kind)) + (project == null ? "" : "&project_id=" + encode(project));
        HttpAnswer answer = session.api().get(path, session.token());
        if (!answer.successful()) {
            return new Answer(List.of(), "server search answered " + answer.status() + ": local results only");
        }
        Object body = Json.parse(answer.body());
        Object found = body instanceof Map<?, ?> map ? firstList(map, "results", "hits", "items", "events") : body;
        List<Map<String, Object>> hits = new ArrayList<>();
        if (found instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> hit && hits.size() < limit) {
                    Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) hit);
                    copy.put("source", "server");
                    hits.add(copy);
                }
            }
        }
        return new Answer(hits, null);
    }

    /**
     * Another read of the server (an item's history, ADR 39), with the same patience; what the tool answers when the
     * server cannot: a note, never an exception.
     */
    Map<String, Object> read(String path) {
        if (context.credentials().isEmpty()) {
            return Map.of("note", "not logged in: the server keeps the history");
        }
        CompletableFuture<HttpAnswer> asked = CompletableFuture.supplyAsync(() -> {
            Session session = context.session(null, patience);
            HttpAnswer answer = session.api().get(path, session.token());
            return answer.status() == 401 ? session.api().get(path, session.refresh()) : answer;
        });
        try {
            HttpAnswer answer = asked.get(patience.toMillis(), TimeUnit.MILLISECONDS);
            return answer.successful() ? Json.parseObject(answer.body())
                    : Map.of("note", "the server answered " + answer.status() + ": " + answer.problem().describe());
        } catch (java.util.concurrent.TimeoutException e) {
            asked.cancel(true);
            return Map.of("note", "the server did not answer within " + patience.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of("note", "interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            return Map.of("note", "the server is unavailable (" + e.getCause().getMessage() + ")");
        }
    }

    private static Object firstList(Map<?, ?> map, String... names) {
        for (String name : names) {
            if (map.get(name) instanceof List<?> list) {
                return list;
            }
        }
        return null;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
