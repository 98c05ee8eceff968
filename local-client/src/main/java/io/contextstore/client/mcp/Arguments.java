package io.contextstore.client.mcp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A tool call's arguments, read strictly: a missing or mistyped argument is a {@link BadArguments}
 * naming it, which the server turns into a tool error the assistant can read and correct.
 */
final class Arguments {

    /** Arguments a tool cannot work with; the message is shown to the assistant. */
    static final class BadArguments extends RuntimeException {
        BadArguments(String message) {
            super(message);
        }
    }

    private static final int MAX_TEXT = 20_000;

    private final Map<String, Object> values;

    Arguments(Map<String, Object> values) {
        this.values = values == null ? Map.of() : values;
    }

    String required(String name) {
        String value = optional(name);
        if (value == null || value.isBlank()) {
            throw new BadArguments("\"" + name + "\" is required: a non-empty string");
        }
        return value;
    }

    String optional(String name) {
        Object value = values.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw new BadArguments("\"" + name + "\" must be a string");
        }
        if (text.length() > MAX_TEXT) {
            throw new BadArguments("\"" + name + "\" is longer than " + MAX_TEXT + " characters");
        }
        return text.isBlank() ? null : text;
    }

    /** An optional true/false; absent is false. */
    boolean flag(String name) {
        Object value = values.get(name);
        if (value != null && !(value instanceof Boolean)) {
            throw new BadArguments("\"" + name + "\" must be true or false");
        }
        return Boolean.TRUE.equals(value);
    }

    int integer(String name, int fallback, int min, int max) {
        Object value = values.get(name);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())) {
            throw new BadArguments("\"" + name + "\" must be an integer");
        }
        long n = number.longValue();
        if (n < min || n > max) {
            throw new BadArguments("\"" + name + "\" must be between " + min + " and " + max);
        }
        return (int) n;
    }

    /** A required object of named values (strings, or arrays of strings), each checked like a single argument. */
    Map<String, Object> object(String name) {
        Object value = values.get(name);
        if (!(value instanceof Map<?, ?> map) || map.isEmpty()) {
            throw new BadArguments("\"" + name + "\" is required: an object of field names to new values");
        }
        Map<String, Object> checked = new java.util.LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String field = String.valueOf(entry.getKey());
            Arguments one = new Arguments(java.util.Collections.singletonMap(field, entry.getValue()));
            checked.put(field, entry.getValue() instanceof List<?> ? one.strings(field) : one.required(field));
        }
        return checked;
    }

    List<String> strings(String name) {
        Object value = values.get(name);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new BadArguments("\"" + name + "\" must be an array of strings");
        }
        List<String> strings = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof String text) || text.isBlank()) {
                throw new BadArguments("\"" + name + "\" must be an array of non-empty strings");
            }
            strings.add(text);
        }
        return strings;
    }
}
