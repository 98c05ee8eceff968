package io.contextstore.client.http;

import io.contextstore.client.json.Json;
import io.contextstore.client.json.JsonException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem detail as the server sends it ({@code errors[].pointer} names fields by JSON
 * Pointer). A body that is not one still gives a usable problem: status and raw text.
 */
public record Problem(int status, String title, String detail, List<FieldError> errors) {

    public record FieldError(String pointer, String detail) {
    }

    public static Problem parse(int status, String body) {
        try {
            Map<String, Object> json = Json.parseObject(body == null ? "" : body);
            List<FieldError> errors = new ArrayList<>();
            if (json.get("errors") instanceof List<?> list) {
                for (Object entry : list) {
                    if (entry instanceof Map<?, ?> error) {
                        errors.add(new FieldError(text(error.get("pointer")), text(error.get("detail"))));
                    }
                }
            }
            return new Problem(status, text(json.get("title")), text(json.get("detail")), List.copyOf(errors));
        } catch (JsonException notJson) {
            String raw = body == null ? "" : body.strip();
            return new Problem(status, null, raw.length() > 300 ? raw.substring(0, 300) : raw, List.of());
        }
    }

    /** One line for people: {@code 400 Invalid request: /title: must be at most 500 characters}. */
    public String describe() {
        StringBuilder out = new StringBuilder().append(status);
        if (title != null) {
            out.append(' ').append(title);
        }
        if (detail != null && !detail.isBlank()) {
            out.append(": ").append(detail);
        }
        return out.toString();
    }

    private static String text(Object value) {
        return value instanceof String s ? s : null;
    }
}
