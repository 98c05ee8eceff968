package io.contextstore.client.cli;

import io.contextstore.client.LocalContext;
import io.contextstore.client.search.Entry;
import io.contextstore.client.search.LocalSearch;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "show", mixinStandardHelpOptions = true,
        description = {"One item of the context on this machine, every field (offline).",
                "ID is the server's event id, or local:<kind>:<row> for an item the server has not confirmed yet",
                "(as `ctx search` and `ctx list` print them). Exits 1 when there is no such item."},
        footer = {"", ExitCodes.HELP})
final class ShowCommand implements Callable<Integer> {

    @Parameters(paramLabel = "ID")
    String id;

    @Mixin
    OutputOptions output;

    private final Cli cli;

    ShowCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        try (LocalContext context = cli.open()) {
            LocalSearch search = new LocalSearch(context);
            Optional<Entry> found = find(cli, search, id);
            if (found.isEmpty()) {
                return ExitCodes.FAILURE;
            }
            Entry entry = found.get();
            Map<String, Object> fields = search.fields(entry);
            if (output.json) {
                Map<String, Object> json = new LinkedHashMap<>(entry.toJson(cli.clock().instant()));
                json.put("fields", fields);
                cli.printJson(json);
                return ExitCodes.OK;
            }
            new EntryPrinter(cli.out(), cli.clock().instant()).header(entry);
            fields.forEach((name, value) -> {
                if (value != null) {
                    cli.out().println(String.format("  %-18s %s", name, value));
                }
            });
            return ExitCodes.OK;
        }
    }

    /** The item of this id on this machine; when there is none, says so on standard error. */
    static Optional<Entry> find(Cli cli, LocalSearch search, String id) {
        Optional<Entry> found = search.show(id);
        if (found.isEmpty()) {
            cli.err().println("ctx: no item " + id + " on this machine (ctx sync brings the team's items)");
        }
        return found;
    }
}
