package io.contextstore.client.cli;

import io.contextstore.client.items.Summaries;
import io.contextstore.client.search.Ages;
import io.contextstore.client.search.Entry;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;

/** Items as a person scans them in a terminal: kind and title, then project, author, age and id. */
final class EntryPrinter {

    private final PrintStream out;
    private final Instant now;

    EntryPrinter(PrintStream out, Instant now) {
        this.out = out;
        this.now = now;
    }

    void print(List<Entry> entries, String nothing) {
        if (entries.isEmpty()) {
            out.println(nothing);
            return;
        }
        for (Entry entry : entries) {
            header(entry);
            String detail = entry.snippet() != null ? entry.snippet() : entry.body();
            if (detail != null && !detail.isBlank() && !detail.equals(entry.title())) {
                out.println("                " + detail.replaceAll("\\s+", " ").strip());
            }
        }
    }

    /**
     * The kind and title, then where it belongs, who wrote it, when, and its id; under them, when this machine holds
     * another current version of its item, that it is in conflict and what resolves it.
     */
    void header(Entry entry) {
        out.println(String.format("%-15s %s", "[" + entry.kind().wireName() + "]", Summaries.shorten(String.valueOf(entry.title()))));
        out.println("                " + String.join(" · ", List.of(
                entry.project() == null ? "no project" : "project " + entry.project(), entry.author(),
                entry.occurredAt() == null ? "time unknown" : Ages.ago(entry.occurredAt(), now), entry.id())));
        if (entry.conflict()) {
            out.println("                \u26a0 conflict: item " + entry.versions().itemId() + " has " + entry.versions().count()
                    + " current versions (ctx conflicts --local shows them; ctx edit resolves it)");
        }
    }
}
