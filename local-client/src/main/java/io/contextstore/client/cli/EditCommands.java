package io.contextstore.client.cli;

import io.contextstore.client.LocalContext;
import io.contextstore.client.edits.LocalEdits;
import io.contextstore.client.items.Item;
import io.contextstore.client.search.Entry;
import io.contextstore.client.search.LocalSearch;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ctx edit} and {@code ctx retract} (ADR 39): a new version, or a retraction, of an item this machine holds,
 * queued like any push (so an offline device edits too). If the item moved on elsewhere meanwhile, the server keeps
 * both versions as a conflict; {@code ctx conflicts} lists them, and an edit here resolves it.
 */
final class EditCommands {

    private EditCommands() {
    }

    @Command(name = "edit", mixinStandardHelpOptions = true,
            description = {"A new version of a decision, learning, error solution or project context on this machine.",
                    "Unchanged fields are kept; the edit is queued (ctx sync, or --sync, sends it)."},
            footer = {"", "Example: ctx edit 8c0e… --set decision='Use Kafka' --set tags=kafka,queues", "", ExitCodes.HELP})
    static final class Edit extends Base {

        @Option(names = "--set", paramLabel = "FIELD=VALUE", required = true,
                description = "A field's new value (tags: comma-separated). Repeatable.")
        Map<String, String> changes = new LinkedHashMap<>();

        Edit(Cli cli) {
            super(cli);
        }

        @Override
        Item item(LocalEdits edits, Entry entry) {
            return edits.newVersion(entry, changes);
        }
    }

    @Command(name = "retract", mixinStandardHelpOptions = true,
            description = {"Withdraw a decision, learning, error solution or project context, with the reason.",
                    "It leaves lists and search everywhere and stays in its history. Queued like a push."},
            footer = {"", ExitCodes.HELP})
    static final class Retract extends Base {

        @Option(names = "--reason", required = true, description = "Why it is withdrawn.")
        String reason;

        Retract(Cli cli) {
            super(cli);
        }

        @Override
        Item item(LocalEdits edits, Entry entry) {
            return edits.retraction(entry, reason);
        }
    }

    abstract static class Base implements Callable<Integer> {

        @Parameters(paramLabel = "ID", description = "Any version's id, as ctx list and ctx search print it.")
        String id;

        @Option(names = "--sync", description = "Run `ctx sync` right after queueing.")
        boolean sync;

        @Mixin
        OutputOptions output;

        final Cli cli;

        Base(Cli cli) {
            this.cli = cli;
        }

        abstract Item item(LocalEdits edits, Entry entry);

        @Override
        public Integer call() {
            try (LocalContext context = cli.open()) {
                LocalSearch search = new LocalSearch(context);
                Optional<Entry> found = ShowCommand.find(cli, search, id);
                if (found.isEmpty()) {
                    return ExitCodes.FAILURE;
                }
                Item item;
                try {
                    item = item(new LocalEdits(context, search), found.get());
                } catch (LocalEdits.Refused refused) {
                    cli.err().println("ctx: " + refused.getMessage());
                    return ExitCodes.FAILURE;
                }
                long queued = context.record(item);
                if (output.json && !sync) {
                    cli.printJson(Map.of("queue_id", queued, "kind", item.kind().wireName(), "item_id", item.edit().itemId(),
                            "supersedes", item.edit().versions()));
                } else if (!output.json) {
                    cli.out().println("queued #" + queued + " " + item.kind().wireName() + " of item " + item.edit().itemId()
                            + ", replacing version(s) " + item.edit().versions());
                }
                return sync ? SyncCommand.sync(cli, context, true, true, output.json) : ExitCodes.OK;
            }
        }
    }
}
