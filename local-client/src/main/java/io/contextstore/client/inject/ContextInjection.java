package io.contextstore.client.inject;

import io.contextstore.client.search.Ages;
import io.contextstore.client.search.Entry;
import io.contextstore.client.search.Filter;
import io.contextstore.client.search.Indexed;
import io.contextstore.client.search.LocalSearch;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What {@code ctx hook} puts into a session (the hook's {@code additionalContext}), from the local
 * files only: never the network, so a prompt is never held up by a slow server. Both texts stay within
 * {@code budget} characters and are empty when there is nothing to say.
 */
public final class ContextInjection {

    /** Claude Code passes about 10,000 characters whole and turns longer text into a preview. */
    public static final int DEFAULT_BUDGET = 8_000;

    /**
     * Kinds worth a prompt's attention: every searchable kind of the catalogue but messages, which are
     * conversation, already in some session's history.
     */
    private static final List<Indexed> PROMPT_KINDS = Indexed.values().stream()
            .filter(indexed -> indexed != Indexed.MESSAGE).toList();
    private static final int PROMPT_ITEMS = 6;
    /**
     * A prompt's words match many items weakly (any item with "run" or "fix"); only items at least this
     * fraction as relevant as the best one (bm25) are worth the assistant's attention.
     */
    private static final double PROMPT_RELEVANCE = 0.5;
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final LocalSearch search;
    private final Instant now;

    public ContextInjection(LocalSearch search, Instant now) {
        this.search = search;
        this.now = now;
    }

    /**
     * At session start: the project's open tasks, its context, the team's recent decisions, then
     * learnings and error solutions; items of the project first, then those of no project (the
     * tenant's). "Most useful" is, for now, the newest: nothing on a device counts uses yet.
     */
    public String sessionDigest(String project, int budget) {
        BudgetedText text = new BudgetedText(budget);
        Filter scope = new Filter(List.of(), project, true, null, 10);
        section(text, "Open tasks:", search.list(Indexed.TASK, scope, LocalSearch.OPEN_TASKS));
        section(text, "Project context:", search.list(Indexed.PROJECT_CONTEXT, scope, null));
        section(text, "Recent decisions of the team:", search.list(Indexed.DECISION, scope, null));
        section(text, "Learnings:", search.list(Indexed.LEARNING, scope, null));
        section(text, "Error solutions:", search.list(Indexed.ERROR_SOLUTION, scope, null));
        return text.withPreamble("Context Store" + (project == null ? "" : " for project " + project)
                + " (from this machine; `ctx show ID` for the whole item):");
    }

    /** For a prompt: the items that match its words best, of this project or of none. */
    public String forPrompt(String project, String prompt, int budget) {
        Filter scope = new Filter(PROMPT_KINDS, project, true, null, PROMPT_ITEMS);
        List<Entry> found = search.search(prompt, scope, LocalSearch.Highlight.MARKDOWN);
        double best = found.stream().mapToDouble(Entry::score).min().orElse(0); // bm25: more negative is better
        List<Entry> hits = found.stream().filter(entry -> entry.score() <= best * PROMPT_RELEVANCE).toList();
        BudgetedText text = new BudgetedText(budget);
        section(text, "Possibly relevant context from Context Store (`ctx show ID` for the whole item):", hits);
        return text.withPreamble("");
    }

    private static boolean contains(String text, String snippet) {
        return text != null && WHITESPACE.matcher(text).replaceAll(" ")
                .contains(WHITESPACE.matcher(snippet.replace("…", "")).replaceAll(" ").strip());
    }

    private void section(BudgetedText text, String heading, List<Entry> entries) {
        text.heading(heading);
        for (Entry entry : entries) {
            if (!text.line(line(entry))) {
                return;
            }
        }
    }

    /**
     * The title and the body (a decision's text, an error's solution): what the assistant can use
     * without asking for the item; the search snippet only when it shows text from neither.
     */
    private String line(Entry entry) {
        String body = entry.body() == null || contains(entry.title(), entry.body()) ? null : entry.body();
        String snippet = entry.snippet() == null ? null : entry.snippet().replace("**", "");
        boolean snippetIsNew = snippet != null && !contains(entry.title(), snippet) && !contains(body, snippet);
        List<String> parts = BudgetedText.nonBlank(entry.title(), body, snippetIsNew ? entry.snippet() : null);
        String meta = String.join(", ", BudgetedText.nonBlank(entry.kind().wireName(), entry.author(),
                entry.occurredAt() == null ? null : Ages.ago(entry.occurredAt(), now), entry.id()));
        return "- " + BudgetedText.shorten(String.join(" — ", parts), BudgetedText.LINE_WIDTH - 100) + " (" + meta + ")";
    }
}
