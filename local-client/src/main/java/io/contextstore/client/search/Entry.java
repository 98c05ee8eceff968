package io.contextstore.client.search;

import io.contextstore.client.items.Kind;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One item as a listing or a search shows it. {@code id} is the server's event id once the row is
 * confirmed, otherwise {@code local:<kind>:<row id>}; either is what {@code ctx show} takes.
 * {@code snippet} and {@code score} (bm25: lower is better) are set by a search only.
 */
public record Entry(String id, Kind kind, long rowId, String contentHash, String project, String user, String device,
                    Instant occurredAt, String title, String body, String status, String snippet, Double score,
                    String source) {

    public static final String LOCAL = "local";
    public static final String SERVER = "server";

    public boolean confirmed() {
        return !id.startsWith("local:");
    }

    /** Who wrote it: user and device when known (a row written before login has neither). */
    public String author() {
        if (user == null && device == null) {
            return "you";
        }
        return (user == null ? "?" : user) + (device == null ? "" : "@" + device);
    }

    public Map<String, Object> toJson(Instant now) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("kind", kind.wireName());
        json.put("title", title);
        json.put("body", body);
        if (status != null) {
            json.put("status", status);
        }
        if (snippet != null) {
            json.put("snippet", snippet);
        }
        json.put("project", project);
        json.put("user", user);
        json.put("device", device);
        json.put("occurred_at", occurredAt == null ? null : occurredAt.toString());
        json.put("age", Ages.ago(occurredAt, now));
        json.put("confirmed", confirmed());
        json.put("source", source);
        return json;
    }
}
