package io.contextstore.client.cli;

import io.contextstore.client.LocalContext;
import io.contextstore.client.items.Item;
import io.contextstore.client.items.Kind;
import io.contextstore.client.search.Entry;
import io.contextstore.client.search.LocalSearch;
import io.contextstore.client.tiers.Edits;
import io.contextstore.events.EventKind;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ctx edit} and {@code ctx retract} (ADR 39): a new version, or a retraction, of an item this machine holds,
 * queued like any push (so an offline device edits too). It replaces every version of the item this machine holds:
 * the one shown, and the other side of a conflict, so editing an item in conflict resolves it. If the item moved on
 * elsewhere meanwhile, the server keeps both versions as a conflict; {@code ctx conflicts} lists them.
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
        Optional<Item> item(Entry entry, Map<String, Object> row) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("project_id", entry.project());
            for (String field : entry.kind().fields()) {
                fields.put(field, field.equals("tags") ? tags(row.get(field)) : row.get(field));
            }
            for (Map.Entry<String, String> change : changes.entrySet()) {
                if (!entry.kind().fields().contains(change.getKey())) {
                    cli.err().println("ctx: a " + entry.kind().wireName() + " has no field " + change.getKey() + " (its fields: "
                            + String.join(", ", entry.kind().fields()) + ")");
                    return Optional.empty();
                }
                fields.put(change.getKey(), change.getKey().equals("tags")
                        ? Arrays.stream(change.getValue().split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList()
                        : change.getValue());
            }
            return Optional.of(Item.of(entry.kind(), fields, cli.clock().instant()));
        }

        private static List<String> tags(Object stored) {
            return stored == null ? List.of() : ((List<?>) io.contextstore.client.json.Json.parse(String.valueOf(stored)))
                    .stream().map(String::valueOf).toList();
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
        Optional<Item> item(Entry entry, Map<String, Object> row) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("project_id", entry.project()); // an edit keeps its item's scope
            fields.put("reason", reason);
            return Optional.of(Item.of(Kind.of(EventKind.RETRACTION), fields, cli.clock().instant()));
        }
    }

    abstract static class Base implements Callable<Integer> {

        @Parameters(paramLabel = "ID", description = "The item's id, or any version's, as ctx list and ctx search print it.")
        String id;

        @Option(names = "--sync", description = "Run `ctx sync` right after queueing.")
        boolean sync;

        @Mixin
        OutputOptions output;

        final Cli cli;

        Base(Cli cli) {
            this.cli = cli;
        }

        /** The new version (or retraction) of the row's item; empty after saying why there is none. */
        abstract Optional<Item> item(Entry entry, Map<String, Object> row);

        @Override
        public Integer call() {
            try (LocalContext context = cli.open()) {
                LocalSearch search = new LocalSearch(context);
                Optional<Entry> found = ShowCommand.find(cli, search, id);
                if (found.isEmpty()) {
                    return ExitCodes.FAILURE;
                }
                Entry entry = found.get();
                if (!entry.kind().event().editable()) {
                    cli.err().println("ctx: a " + entry.kind().wireName() + " cannot be edited; only "
                            + EventKind.editableWireNames() + " items can");
                    return ExitCodes.FAILURE;
                }
                if (!entry.confirmed()) {
                    cli.err().println("ctx: item " + id + " is not on the server yet: run ctx sync, then edit it");
                    return ExitCodes.FAILURE;
                }
                Optional<Item> made = item(entry, search.fields(entry));
                if (made.isEmpty()) {
                    return ExitCodes.USAGE;
                }
                Item.Edit replaced = replaced(context, entry);
                Item item = made.get().editing(replaced);
                long queued = context.record(item);
                if (output.json && !sync) {
                    cli.printJson(Map.of("queue_id", queued, "kind", item.kind().wireName(), "item_id", replaced.itemId(),
                            "supersedes", replaced.versions()));
                } else if (!output.json) {
                    cli.out().println("queued #" + queued + " " + item.kind().wireName() + " of item " + replaced.itemId()
                            + ", replacing version(s) " + replaced.versions());
                }
                return sync ? SyncCommand.sync(cli, context, true, true, output.json) : ExitCodes.OK;
            }
        }

        /** The row's item and every version of it this machine holds (both sides of a conflict). */
        private static Item.Edit replaced(LocalContext context, Entry entry) {
            return context.tier(entry.kind().tier()).read(c -> {
                String item = Edits.itemOf(c, entry.id());
                List<Long> versions = new ArrayList<>();
                try (PreparedStatement select = c.prepareStatement("SELECT cursor FROM " + entry.kind().table()
                        + " WHERE cursor IS NOT NULL AND (event_id = ?1 OR event_id IN (SELECT event_id FROM item_of"
                        + " WHERE item_id = ?1)) ORDER BY cursor")) {
                    select.setString(1, item);
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            versions.add(rows.getLong(1));
                        }
                    }
                }
                return new Item.Edit(item, versions);
            });
        }
    }
}
