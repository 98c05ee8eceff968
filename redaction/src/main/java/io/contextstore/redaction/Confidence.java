package io.contextstore.redaction;

/**
 * How sure a rule is that a match is a secret. The client redacts both; the server refuses only
 * {@link #HIGH} matches (ADR 31): a low-confidence rule that misfires there would make an honest item
 * undeliverable, where on the client it only hides a word.
 */
public enum Confidence {
    /** A documented token format, a checksum, a structure that decodes, or the user's own mark. */
    HIGH,
    /** A heuristic: a secret-sounding name assigned a random-looking value. */
    LOW
}
