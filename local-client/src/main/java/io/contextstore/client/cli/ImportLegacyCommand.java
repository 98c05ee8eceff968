package io.contextstore.client.cli;

import io.contextstore.client.LocalContext;
import io.contextstore.client.legacy.LegacyImport;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "import-legacy", mixinStandardHelpOptions = true,
        description = {"Queue the pending items of an ADR-053 client's offline queue (its sessions.db).",
                "Reads sync_queue in either original shape, read-only; maps each payload to a kind; queues",
                "what it can durably and reports every row it cannot, by id, leaving it in place.",
                "Importing the same file again queues nothing new. `ctx sync` then sends the items."},
        footer = {"", "Exit 0 when it ran (rows it could not map are reported on stderr), 1 when the file is not",
                "an original client's database.", ExitCodes.HELP})
final class ImportLegacyCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SESSIONS_DB", description = "The original client's sessions.db.")
    Path file;

    @Mixin
    OutputOptions output;

    private final Cli cli;

    ImportLegacyCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        LegacyImport.Report report;
        try (LocalContext context = cli.open()) {
            report = LegacyImport.run(context, file);
        }
        if (output.json) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("queued", report.queued().entrySet().stream()
                    .map(e -> Map.of("legacy_id", e.getKey(), "queue_id", e.getValue())).toList());
            json.put("already_imported", report.alreadyImported());
            json.put("not_imported", report.refused().entrySet().stream()
                    .map(e -> Map.of("legacy_id", e.getKey(), "reason", e.getValue())).toList());
            cli.printJson(json);
        } else {
            cli.out().println("queued " + report.queued().size() + " item(s) from " + file
                    + (report.alreadyImported().isEmpty() ? "" : "; " + report.alreadyImported().size() + " imported before"));
        }
        report.refused().forEach((id, reason) ->
                cli.err().println("ctx import-legacy: row " + id + " not imported (left in place): " + reason));
        return ExitCodes.OK;
    }
}
