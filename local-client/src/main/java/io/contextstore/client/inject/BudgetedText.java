package io.contextstore.client.inject;

import java.util.ArrayList;
import java.util.List;

/**
 * Text that never grows past a budget of characters: sections of lines, each line shortened to a
 * fixed width, a section's heading written only with its first line, and nothing added once the next
 * line would not fit. Whole lines or none, so the assistant never reads half an item.
 */
final class BudgetedText {

    static final int LINE_WIDTH = 400;

    private final int budget;
    private final StringBuilder text = new StringBuilder();
    private String pendingHeading;
    private int lines;

    BudgetedText(int budget) {
        this.budget = budget;
    }

    void heading(String heading) {
        pendingHeading = heading;
    }

    /** Adds the line if it (and a pending heading) fits; returns whether it did. */
    boolean line(String line) {
        String shortened = shorten(line);
        String addition = (pendingHeading == null ? "" : pendingHeading + "\n") + shortened + "\n";
        if (text.length() + addition.length() > budget) {
            return false;
        }
        text.append(addition);
        pendingHeading = null;
        lines++;
        return true;
    }

    boolean isEmpty() {
        return lines == 0;
    }

    /** The text with a first line saying where it comes from, or "" when no line fitted. */
    String withPreamble(String preamble) {
        if (lines == 0 || preamble.length() + 1 + text.length() > budget) {
            return lines == 0 ? "" : text.toString().strip();
        }
        return (preamble + "\n" + text).strip();
    }

    static String shorten(String line) {
        return shorten(line, LINE_WIDTH);
    }

    static String shorten(String line, int width) {
        String flat = line.replaceAll("\\s+", " ").strip();
        return flat.length() <= width ? flat : flat.substring(0, width - 1) + "…";
    }

    static List<String> nonBlank(String... parts) {
        List<String> kept = new ArrayList<>();
        for (String part : parts) {
            if (part != null && !part.isBlank()) {
                kept.add(part);
            }
        }
        return kept;
    }
}
