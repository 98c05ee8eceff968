package io.contextstore.client.items;

import io.contextstore.client.json.Json;
import io.contextstore.client.json.JsonException;
import java.util.Map;

/** One-line descriptions of items for listings. */
public final class Summaries {

    private static final int WIDTH = 60;

    private Summaries() {
    }

    public static String shorten(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() <= WIDTH ? line : line.substring(0, WIDTH - 1) + "…";
    }

    /** The summary of a stored payload, or a note when it is not a readable item. */
    public static String ofPayload(String payload) {
        try {
            Map<String, Object> json = Json.parseObject(payload);
            return Item.fromJson(json).summary();
        } catch (JsonException e) {
            return "(unreadable item: " + e.getMessage() + ")";
        }
    }
}
