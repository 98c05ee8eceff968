package io.contextstore.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * RFC 8785 (JSON Canonicalization Scheme) for the values an item can hold: objects, arrays,
 * strings, integers of at most 2^53 in magnitude, booleans and null. Members are sorted by the
 * UTF-16 code units of their names; strings use the minimal ECMAScript escaping.
 */
public final class CanonicalJson {

    private static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

    private CanonicalJson() {
    }

    public static String of(Object value) {
        StringBuilder out = new StringBuilder(256);
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            writeString(s, out);
        } else if (value instanceof Boolean b) {
            out.append(b);
        } else if (value instanceof Integer || value instanceof Long) {
            writeInteger(((Number) value).longValue(), out);
        } else if (value instanceof Map<?, ?> map) {
            writeObject(map, out);
        } else if (value instanceof List<?> list) {
            writeArray(list, out);
        } else {
            throw new IllegalArgumentException("not canonicalizable: " + value.getClass().getName());
        }
    }

    private static void writeInteger(long n, StringBuilder out) {
        if (Math.abs(n) > MAX_SAFE_INTEGER) {
            throw new IllegalArgumentException("integer beyond IEEE 754 double precision: " + n);
        }
        out.append(n);
    }

    private static void writeObject(Map<?, ?> map, StringBuilder out) {
        List<String> names = new ArrayList<>(map.size());
        for (Object key : map.keySet()) {
            names.add((String) key);
        }
        names.sort(String::compareTo); // String.compareTo orders by UTF-16 code units, as RFC 8785 asks
        out.append('{');
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            writeString(names.get(i), out);
            out.append(':');
            write(map.get(names.get(i)), out);
        }
        out.append('}');
    }

    private static void writeArray(List<?> list, StringBuilder out) {
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            write(list.get(i), out);
        }
        out.append(']');
    }

    /** Runs of characters that need no escape are appended whole: most text has none, and per-char appends dominated a push. */
    private static void writeString(String s, StringBuilder out) {
        out.append('"');
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(s, run, i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(String.format("\\u%04x", (int) c));
            }
            run = i + 1;
        }
        if (run == 0) {
            out.append(s); // no escape at all: one bulk copy
        } else {
            out.append(s, run, s.length());
        }
        out.append('"');
    }
}
