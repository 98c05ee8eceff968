package io.contextstore.events;

import java.util.Set;
import java.util.TreeSet;

/**
 * How the API reads one field of a kind from JSON: its name (the same in JSON, in the Avro record, in
 * the read model's column and in the local tier), its type and its limits. Declared once per kind in
 * {@link EventKind}; the ingest API validates by it, the projector and query API shape rows by it.
 */
public record FieldRule(String name, Type type, boolean required, int maxLength, Set<String> choices) {

    public enum Type {
        /** A string of at most {@code maxLength} characters. */
        TEXT,
        /** 1–128 characters of letters, digits and {@code . _ : / @ + # -}. */
        IDENTIFIER,
        /** One of {@code choices}. */
        CHOICE,
        /** A non-negative int, 0 when absent (always part of the content). */
        COUNT,
        /** An array of at most 32 non-blank strings of at most 64 characters. */
        TAGS
    }

    public FieldRule {
        choices = Set.copyOf(choices);
    }

    public static FieldRule text(String name, int maxLength) {
        return new FieldRule(name, Type.TEXT, true, maxLength, Set.of());
    }

    public static FieldRule optionalText(String name, int maxLength) {
        return new FieldRule(name, Type.TEXT, false, maxLength, Set.of());
    }

    public static FieldRule identifier(String name) {
        return new FieldRule(name, Type.IDENTIFIER, true, 128, Set.of());
    }

    public static FieldRule choice(String name, Set<String> choices) {
        return new FieldRule(name, Type.CHOICE, true, 64, choices);
    }

    public static FieldRule count(String name) {
        return new FieldRule(name, Type.COUNT, false, 0, Set.of());
    }

    public static FieldRule tags(String name) {
        return new FieldRule(name, Type.TAGS, false, 0, Set.of());
    }

    /**
     * Whether the field is sealed in the log (ADR 33): free text and tags are what a person writes, so they
     * travel encrypted under their subject's key; identifiers, choices and counts stay readable, so the
     * projector can place an event and analysts can count without a key.
     */
    public boolean isSealed() {
        return type == Type.TEXT || type == Type.TAGS;
    }

    /** The choices in a stable order, for messages. */
    public Set<String> sortedChoices() {
        return new TreeSet<>(choices);
    }
}
