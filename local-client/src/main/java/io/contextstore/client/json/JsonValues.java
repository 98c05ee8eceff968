package io.contextstore.client.json;

import java.util.List;
import java.util.Map;

/** Typed reads of parsed JSON, each a {@link JsonException} naming the member when the type is wrong. */
public final class JsonValues {

    private JsonValues() {
    }

    public static String text(Map<String, Object> object, String name) {
        Object value = object.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s)) {
            throw new JsonException("\"" + name + "\" must be a string");
        }
        return s;
    }

    public static String requiredText(Map<String, Object> object, String name) {
        String value = text(object, name);
        if (value == null) {
            throw new JsonException("\"" + name + "\" is required");
        }
        return value;
    }

    public static Long integer(Map<String, Object> object, String name) {
        Object value = object.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Long n)) {
            throw new JsonException("\"" + name + "\" must be an integer");
        }
        return n;
    }

    public static long requiredInteger(Map<String, Object> object, String name) {
        Long value = integer(object, name);
        if (value == null) {
            throw new JsonException("\"" + name + "\" is required");
        }
        return value;
    }

    public static boolean flag(Map<String, Object> object, String name) {
        return Boolean.TRUE.equals(object.get(name));
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Map<String, Object> object, String name) {
        Object value = object.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map)) {
            throw new JsonException("\"" + name + "\" must be an object");
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    public static List<Object> array(Map<String, Object> object, String name) {
        Object value = object.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof List)) {
            throw new JsonException("\"" + name + "\" must be an array");
        }
        return (List<Object>) value;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> asObject(Object value, String what) {
        if (!(value instanceof Map)) {
            throw new JsonException(what + " must be an object");
        }
        return (Map<String, Object>) value;
    }
}
