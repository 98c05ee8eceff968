package io.contextstore.redaction;

/**
 * Where a rule matched: the characters {@code [start, end)} of the scanned text are the secret. It never
 * holds the matched text, so printing or logging a finding cannot leak it.
 */
public record Finding(Rule rule, int start, int end) {
}
