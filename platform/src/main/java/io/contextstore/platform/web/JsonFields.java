package io.contextstore.platform.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Reads the members of one JSON object strictly, naming the offending member by JSON Pointer:
 * wrong types, over-long strings, NUL characters, unpaired surrogates and members nobody asked
 * for are all 400s. JSON null counts as absent, and so does {@code ""} for an optional string: the
 * original ADR-053 clients send {@code ""} as the default of every optional string (ADR 14).
 */
public final class JsonFields {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@+#-]{0,127}");
    public static final int MAX_TAGS = 32;
    public static final int MAX_TAG_LENGTH = 64;

    private final JsonNode object;
    private final String pointer;
    private final Set<String> read = new HashSet<>();

    private JsonFields(JsonNode object, String pointer) {
        this.object = object;
        this.pointer = pointer;
    }

    public static JsonFields of(JsonNode node, String pointer) {
        if (node == null || !node.isObject()) {
            throw ApiProblem.invalidField(pointer, "must be a JSON object");
        }
        return new JsonFields(node, pointer);
    }

    public String pointer(String name) {
        return pointer + "/" + name.replace("~", "~0").replace("/", "~1");
    }

    public boolean has(String name) {
        JsonNode value = object.get(name);
        return value != null && !value.isNull();
    }

    public String requiredText(String name, int maxLength) {
        String value = text(name, maxLength, false);
        if (value == null) {
            throw ApiProblem.invalidField(pointer(name), "is required");
        }
        return value;
    }

    /** An optional string: absent, null and {@code ""} all read as null. */
    public String optionalText(String name, int maxLength) {
        return text(name, maxLength, true);
    }

    private String text(String name, int maxLength, boolean emptyIsAbsent) {
        JsonNode value = value(name);
        if (value == null) {
            return null;
        }
        if (!value.isString()) {
            throw ApiProblem.invalidField(pointer(name), "must be a string");
        }
        if (emptyIsAbsent && value.stringValue().isEmpty()) {
            return null;
        }
        return checkedText(value.stringValue(), pointer(name), maxLength);
    }

    public String requiredIdentifier(String name) {
        String value = requiredText(name, 128);
        return checkedIdentifier(value, name);
    }

    public String optionalIdentifier(String name) {
        String value = optionalText(name, 128);
        return value == null ? null : checkedIdentifier(value, name);
    }

    public String requiredChoice(String name, Set<String> choices) {
        String value = requiredText(name, 64);
        if (!choices.contains(value)) {
            throw ApiProblem.invalidField(pointer(name), "must be one of " + new java.util.TreeSet<>(choices));
        }
        return value;
    }

    public int count(String name) {
        JsonNode value = value(name);
        if (value == null) {
            return 0;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 0) {
            throw ApiProblem.invalidField(pointer(name), "must be a non-negative integer of at most " + Integer.MAX_VALUE);
        }
        return value.intValue();
    }

    public Long optionalSequence(String name) {
        JsonNode value = value(name);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
            throw ApiProblem.invalidField(pointer(name), "must be a non-negative 64-bit integer");
        }
        return value.longValue();
    }

    public Instant optionalTimestamp(String name) {
        String value = optionalText(name, 64);
        if (value == null) {
            return null;
        }
        // RFC 3339 years have four digits; Instant.parse also takes signed ones, past what the read model can hold
        if (!value.isEmpty() && Character.isDigit(value.charAt(0))) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                // refused below, as a signed year is
            }
        }
        throw ApiProblem.invalidField(pointer(name), "must be an RFC 3339 timestamp such as 2026-11-25T10:15:30Z");
    }

    public List<String> tags(String name) {
        JsonNode value = value(name);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray() || value.size() > MAX_TAGS) {
            throw ApiProblem.invalidField(pointer(name), "must be an array of at most " + MAX_TAGS + " strings");
        }
        List<String> tags = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            JsonNode tag = value.get(i);
            String at = pointer(name) + "/" + i;
            if (!tag.isString()) {
                throw ApiProblem.invalidField(at, "must be a string");
            }
            String text = checkedText(tag.stringValue(), at, MAX_TAG_LENGTH);
            if (text.isBlank()) {
                throw ApiProblem.invalidField(at, "must not be blank");
            }
            tags.add(text);
        }
        return tags;
    }

    /** An optional member of any shape, for a member that takes more than one; null when absent. */
    public JsonNode optional(String name) {
        return value(name);
    }

    /** An optional member that must be a JSON object (read it with {@link #of}); null when absent. */
    public JsonNode optionalObject(String name) {
        JsonNode value = value(name);
        if (value != null && !value.isObject()) {
            throw ApiProblem.invalidField(pointer(name), "must be a JSON object");
        }
        return value;
    }

    /** A required array of 1 to {@code maxItems} elements. */
    public JsonNode requiredArray(String name, int maxItems) {
        JsonNode value = value(name);
        if (value == null) {
            throw ApiProblem.invalidField(pointer(name), "is required");
        }
        if (!value.isArray() || value.isEmpty() || value.size() > maxItems) {
            throw ApiProblem.invalidField(pointer(name), "must be an array of 1 to " + maxItems + " elements");
        }
        return value;
    }

    /** Call last: any member not read so far is unknown. */
    public void rejectUnknownMembers() {
        for (String name : object.propertyNames()) {
            if (!read.contains(name)) {
                throw ApiProblem.invalidField(pointer(name), "is not a known field");
            }
        }
    }

    private JsonNode value(String name) {
        read.add(name);
        JsonNode value = object.get(name);
        return value == null || value.isNull() ? null : value;
    }

    private String checkedIdentifier(String value, String name) {
        if (!IDENTIFIER.matcher(value).matches()) {
            throw ApiProblem.invalidField(pointer(name),
                    "must be 1 to 128 characters of letters, digits and . _ : / @ + # -, starting with a letter or digit");
        }
        return value;
    }

    public static String checkedText(String text, String pointer, int maxLength) {
        if (text.isEmpty()) {
            throw ApiProblem.invalidField(pointer, "must not be empty");
        }
        if (text.codePointCount(0, text.length()) > maxLength) {
            throw ApiProblem.invalidField(pointer, "must be at most " + maxLength + " characters");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                throw ApiProblem.invalidField(pointer, "must not contain NUL characters");
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw ApiProblem.invalidField(pointer, "contains an unpaired UTF-16 surrogate");
            }
        }
        return text;
    }
}
