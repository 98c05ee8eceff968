package io.contextstore.redaction;

import java.util.Map;

/** A text with every finding replaced by {@code [REDACTED:<rule id>]}, and how many of each rule it replaced. */
public record Redacted(String text, Map<String, Integer> counts) {

    public Redacted {
        counts = Map.copyOf(counts);
    }

    public boolean changed() {
        return !counts.isEmpty();
    }
}
