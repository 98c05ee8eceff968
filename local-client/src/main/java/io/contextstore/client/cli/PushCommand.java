package io.contextstore.client.cli;

import io.contextstore.client.LocalContext;
import io.contextstore.client.items.Item;
import io.contextstore.client.items.Kind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "push", mixinStandardHelpOptions = true,
        description = {"Record context locally and queue it for the server.",
                "The item is durable in the queue when the command returns; `ctx sync` (or --sync) sends it."},
        footer = {"", ExitCodes.HELP})
final class PushCommand implements Callable<Integer> {

    private final Cli cli;

    @Spec
    CommandSpec spec;

    private PushCommand(Cli cli) {
        this.cli = cli;
    }

    static CommandLine commandLine(Cli cli) {
        return new CommandLine(new PushCommand(cli))
                .addSubcommand(new PushKinds.Decision(cli)).addSubcommand(new PushKinds.Learning(cli))
                .addSubcommand(new PushKinds.ErrorSolution(cli)).addSubcommand(new PushKinds.Task(cli))
                .addSubcommand(new PushKinds.Message(cli)).addSubcommand(new PushKinds.ProjectContext(cli))
                .addSubcommand(new PushKinds.Items(cli));
    }

    @Override
    public Integer call() {
        cli.err().println("ctx push: name a kind: " + String.join(", ", spec.subcommands().keySet()));
        return ExitCodes.USAGE;
    }

    /** Options every kind takes. */
    static final class Common {
        @Option(names = "--project", description = "The project this belongs to (an identifier).")
        String project;

        @Option(names = "--personal", description = {"Only your own devices read it (scope personal), whatever its kind:",
                "a decision, learning or error solution stays off your teammates' machines. Messages and tasks are personal anyway."})
        boolean personal;

        @Option(names = "--sync", description = "Run `ctx sync` right after queueing.")
        boolean sync;

        @Mixin
        OutputOptions output;
    }

    /** Queues the items, then prints what was queued (and syncs with --sync). */
    abstract static class Kinded implements Callable<Integer> {
        @Mixin
        Common common;

        @Spec
        CommandSpec spec;

        final Cli cli;

        Kinded(Cli cli) {
            this.cli = cli;
        }

        abstract List<Item> items() throws IOException;

        Item item(Kind kind, Map<String, Object> fields) {
            fields.put("project_id", common.project);
            Item item = Item.of(kind, fields, cli.clock().instant());
            return common.personal ? item.scoped(Item.Scope.of("personal")) : item;
        }

        @Override
        public Integer call() throws IOException {
            List<Item> items = items();
            try (LocalContext context = cli.open()) {
                List<Long> ids = context.recordAll(items);
                if (common.output.json && !common.sync) {
                    List<Object> queued = new ArrayList<>();
                    for (int i = 0; i < items.size(); i++) {
                        queued.add(Map.of("queue_id", ids.get(i), "kind", items.get(i).kind().wireName(),
                                "content_hash", items.get(i).contentHash()));
                    }
                    cli.printJson(Map.of("queued", queued));
                } else if (!common.output.json) {
                    for (int i = 0; i < items.size(); i++) {
                        cli.out().println("queued #" + ids.get(i) + " " + items.get(i).kind().wireName() + ": "
                                + items.get(i).summary());
                    }
                }
                return common.sync ? SyncCommand.sync(cli, context, true, true, common.output.json) : ExitCodes.OK;
            }
        }
    }
}
