package io.contextstore.client.search;

import io.contextstore.client.items.Kind;
import io.contextstore.client.tiers.CurrentVersions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One item as a listing or a search shows it. {@code id} is the server's event id once the row is
 * confirmed, otherwise {@code local:<kind>:<row id>}; either is what {@code ctx show} takes.
 * {@code snippet} and {@code score} (bm25: lower is better) are set by a search only. {@code versions}: for a kind
 * that can be edited (ADR 39), its item and how many current versions of it this machine holds (no item and none for
 * a row the server has not confirmed); null for other kinds.
 */
public record Entry(String id, Kind kind, long rowId, String contentHash, String project, String user, String device,
                    Instant occurredAt, String title, String body, String status, String snippet, Double score,
                    String source, CurrentVersions versions) {

    public static final String LOCAL = "local";
    public static final String SERVER = "server";

    /** Whether this machine holds another current version of the row's item. */
    public boolean conflict() {
        return versions != null && versions.conflict();
    }

    /** The same entry with its item's versions. */
    Entry withVersions(CurrentVersions current) {
        return new Entry(id, kind, rowId, contentHash, project, user, device, occurredAt, title, body, status, snippet, score,
                source, current);
    }

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
        if (versions != null) {
            json.put("item_id", versions.itemId());
            json.put("conflict", versions.conflict());
            if (versions.conflict()) {
                json.put("current_versions", versions.count());
            }
        }
        return json;
    }
}
