package io.contextstore.client.cli;

import io.contextstore.client.LocalContext;
import io.contextstore.client.search.Entry;
import io.contextstore.client.search.Filter;
import io.contextstore.client.search.Indexed;
import io.contextstore.client.search.LocalSearch;
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

@Command(name = "search", mixinStandardHelpOptions = true,
        description = {"Full-text search of the context on this machine (offline; SQLite FTS5, bm25 ranking).",
                "Words are matched as typed (stemmed); \"a phrase\" in quotes, -word excludes, word* is a prefix.",
                "Items matching every word come first, then items matching any."},
        footer = {"", ExitCodes.HELP})
final class SearchCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "QUERY", description = "What to look for.")
    List<String> words;

    @Option(names = "--kind", completionCandidates = KindNames.One.class,
            description = "Only this kind: ${COMPLETION-CANDIDATES}.")
    String kind;

    @Option(names = "--project", description = "Only items of this project.")
    String project;

    @Option(names = "--limit", defaultValue = "10", description = "At most this many results (default ${DEFAULT-VALUE}).")
    int limit;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    private final Cli cli;

    SearchCommand(Cli cli) {
        this.cli = cli;
    }

    static List<Indexed> kinds(CommandLine commandLine, String kind) {
        if (kind == null) {
            return List.of();
        }
        return List.of(Indexed.named(kind).orElseThrow(() -> new CommandLine.ParameterException(commandLine,
                "unknown kind \"" + kind + "\": " + Indexed.either(Indexed.names(false)))));
    }

    @Override
    public Integer call() {
        Filter filter = new Filter(kinds(spec.commandLine(), kind), project, null, positive(limit));
        try (LocalContext context = cli.open()) {
            boolean json = output.json;
            List<Entry> hits = new LocalSearch(context).search(String.join(" ", words), filter,
                    json || !cli.terminal() ? LocalSearch.Highlight.BRACKETS : new LocalSearch.Highlight("\u001b[1m", "\u001b[0m"));
            if (json) {
                cli.printJson(Map.of("query", String.join(" ", words),
                        "results", hits.stream().map(hit -> (Object) hit.toJson(cli.clock().instant())).toList()));
            } else {
                new EntryPrinter(cli.out(), cli.clock().instant()).print(hits, "No matches.");
            }
            return ExitCodes.OK;
        }
    }

    private int positive(int value) {
        if (value < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--limit must be at least 1");
        }
        return value;
    }
}
