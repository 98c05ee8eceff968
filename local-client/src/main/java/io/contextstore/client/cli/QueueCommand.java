package io.contextstore.client.cli;

import io.contextstore.client.LocalContext;
import io.contextstore.client.items.Summaries;
import io.contextstore.client.queue.QueuedItem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "queue", mixinStandardHelpOptions = true,
        description = "Look at the local queue, retry refused items, or drop them.", footer = {"", ExitCodes.HELP})
final class QueueCommand implements Callable<Integer> {

    private final Cli cli;

    private QueueCommand(Cli cli) {
        this.cli = cli;
    }

    static CommandLine commandLine(Cli cli) {
        return new CommandLine(new QueueCommand(cli)).addSubcommand(new ListItems(cli)).addSubcommand(new Retry(cli))
                .addSubcommand(new DropDead(cli));
    }

    @Override
    public Integer call() {
        cli.err().println("ctx queue: list, retry or drop-dead");
        return ExitCodes.USAGE;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Queued items, oldest first, with their state and last error.")
    static final class ListItems implements Callable<Integer> {
        @Option(names = "--dead", description = "Only dead items.") boolean dead;
        @Option(names = "--pending", description = "Only pending items.") boolean pending;
        @Option(names = "--limit", description = "At most this many (default 100).") int limit = 100;
        @Mixin OutputOptions output;
        private final Cli cli;

        ListItems(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            QueuedItem.State state = dead ? QueuedItem.State.DEAD : pending ? QueuedItem.State.PENDING : null;
            try (LocalContext context = cli.open()) {
                List<QueuedItem> items = context.queue().list(state, limit);
                if (output.json) {
                    List<Object> rows = new ArrayList<>();
                    for (QueuedItem item : items) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("id", item.id());
                        row.put("state", item.state().column());
                        row.put("kind", item.kind());
                        row.put("content_hash", item.contentHash());
                        row.put("attempts", item.attempts());
                        row.put("enqueued_at", item.enqueuedAt().toString());
                        row.put("next_attempt_at", item.nextAttemptAt().toString());
                        row.put("last_error", item.lastError());
                        row.put("summary", Summaries.ofPayload(item.payload()));
                        rows.add(row);
                    }
                    cli.printJson(Map.of("items", rows));
                } else {
                    for (QueuedItem item : items) {
                        cli.out().printf("#%d %-7s %-14s attempts=%d %s%n", item.id(), item.state().column(), item.kind(),
                                item.attempts(), Summaries.ofPayload(item.payload()));
                        if (item.lastError() != null) {
                            cli.out().println("    last error: " + item.lastError());
                        }
                    }
                    if (items.isEmpty()) {
                        cli.out().println("(queue empty)");
                    }
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "retry", mixinStandardHelpOptions = true,
            description = "Put dead items (all, or the ids given) back to pending and make every pending item due now.")
    static final class Retry implements Callable<Integer> {
        @Parameters(arity = "0..*", paramLabel = "ID") List<Long> ids = new ArrayList<>();
        @Mixin OutputOptions output;
        private final Cli cli;

        Retry(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            try (LocalContext context = cli.open()) {
                int revived = context.queue().retry(ids);
                if (output.json) {
                    cli.printJson(Map.of("revived", revived));
                } else {
                    cli.out().println(revived + " dead items back to pending; run ctx sync to send them");
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "drop-dead", mixinStandardHelpOptions = true,
            description = "Delete dead items (all, or the ids given). Pending items are never dropped.")
    static final class DropDead implements Callable<Integer> {
        @Parameters(arity = "0..*", paramLabel = "ID") List<Long> ids = new ArrayList<>();
        @Mixin OutputOptions output;
        private final Cli cli;

        DropDead(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            try (LocalContext context = cli.open()) {
                int dropped = context.queue().dropDead(ids);
                if (output.json) {
                    cli.printJson(Map.of("dropped", dropped));
                } else {
                    cli.out().println(dropped + " dead items dropped");
                }
            }
            return ExitCodes.OK;
        }
    }
}
