package io.contextstore.client.cli;

import io.contextstore.client.LocalContext;
import io.contextstore.client.search.Ages;
import io.contextstore.client.search.Entry;
import io.contextstore.client.search.Filter;
import io.contextstore.client.search.Indexed;
import io.contextstore.client.search.LocalSearch;
import io.contextstore.client.search.ToolUsage;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"The newest items of one kind on this machine (offline); a state kind (tasks) shows each",
                "entity's latest state, and \"tools\" the tool calls counted by ctx hook."},
        footer = {"", ExitCodes.HELP})
final class ListCommand implements Callable<Integer> {

    @Parameters(paramLabel = "WHAT", completionCandidates = KindNames.Listed.class,
            description = "One of: ${COMPLETION-CANDIDATES}.")
    String what;

    @Option(names = "--project", description = "Only items of this project.")
    String project;

    @Option(names = "--since", description = "Only items since then: 30m, 3h, 7d, 2w, a date (2026-01-31) or an instant.")
    String since;

    @Option(names = "--open", description = "Tasks only: those pending, in progress or blocked.")
    boolean open;

    @Option(names = "--limit", defaultValue = "20", description = "At most this many (default ${DEFAULT-VALUE}).")
    int limit;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    private final Cli cli;

    ListCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        CommandLine commandLine = spec.commandLine();
        if (limit < 1) {
            throw new CommandLine.ParameterException(commandLine, "--limit must be at least 1");
        }
        Instant now = cli.clock().instant();
        Instant from;
        try {
            from = since == null ? null : Ages.since(since, now);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, e.getMessage());
        }
        try (LocalContext context = cli.open()) {
            LocalSearch search = new LocalSearch(context);
            if (what.equals(KindNames.Listed.TOOLS)) {
                return tools(ToolUsage.list(search, from, limit), now);
            }
            Indexed indexed = Indexed.named(what).orElseThrow(() -> new CommandLine.ParameterException(commandLine,
                    "cannot list \"" + what + "\": " + Indexed.either(KindNames.Listed.names())));
            List<Entry> entries = search.list(indexed, new Filter(List.of(indexed), project, from, limit),
                    open && indexed == Indexed.TASK ? LocalSearch.OPEN_TASKS : null);
            if (output.json) {
                cli.printJson(Map.of(what, entries.stream().map(entry -> (Object) entry.toJson(now)).toList()));
            } else {
                new EntryPrinter(cli.out(), now).print(entries, "Nothing yet.");
            }
            return ExitCodes.OK;
        }
    }

    private int tools(List<ToolUsage> usage, Instant now) {
        if (output.json) {
            cli.printJson(Map.of("tools", usage.stream().map(tool -> {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("tool", tool.tool());
                json.put("calls", tool.calls());
                json.put("errors", tool.errors());
                json.put("last_used_at", tool.lastUsed() == null ? null : tool.lastUsed().toString());
                return (Object) json;
            }).toList()));
            return ExitCodes.OK;
        }
        if (usage.isEmpty()) {
            cli.out().println("No tool calls counted yet.");
        }
        for (ToolUsage tool : usage) {
            cli.out().println(String.format("%-24s %6d calls %5d errors  last %s", tool.tool(), tool.calls(), tool.errors(),
                    Ages.ago(tool.lastUsed(), now)));
        }
        return ExitCodes.OK;
    }
}
