package io.contextstore.client.cli;

import io.contextstore.client.LocalContext;
import io.contextstore.client.items.Item;
import io.contextstore.client.items.Kind;
import io.contextstore.client.json.Json;
import io.contextstore.client.json.JsonException;
import io.contextstore.client.json.JsonValues;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "push", mixinStandardHelpOptions = true,
        description = {"Record context locally and queue it for the server.",
                "The item is durable in the queue when the command returns; `ctx sync` (or --sync) sends it."},
        footer = {"", ExitCodes.HELP})
final class PushCommand implements Callable<Integer> {

    private final Cli cli;

    private PushCommand(Cli cli) {
        this.cli = cli;
    }

    static CommandLine commandLine(Cli cli) {
        return new CommandLine(new PushCommand(cli))
                .addSubcommand(new Decision(cli)).addSubcommand(new Learning(cli)).addSubcommand(new ErrorSolution(cli))
                .addSubcommand(new Task(cli)).addSubcommand(new Message(cli)).addSubcommand(new ProjectContext(cli))
                .addSubcommand(new Items(cli));
    }

    @Override
    public Integer call() {
        cli.err().println("ctx push: name a kind: decision, learning, error-solution, task, message, project-context, item");
        return ExitCodes.USAGE;
    }

    /** Options every kind takes. */
    static final class Common {
        @Option(names = "--project", description = "The project this belongs to (an identifier).")
        String project;

        @Option(names = "--sync", description = "Run `ctx sync` right after queueing.")
        boolean sync;

        @Mixin
        OutputOptions output;
    }

    /** Queues the items, then prints what was queued (and syncs with --sync). */
    abstract static class Kinded implements Callable<Integer> {
        @Mixin
        Common common;

        final Cli cli;

        Kinded(Cli cli) {
            this.cli = cli;
        }

        abstract List<Item> items() throws IOException;

        Item item(Kind kind, Map<String, Object> fields) {
            fields.put("project_id", common.project);
            return Item.of(kind, fields, cli.clock().instant());
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

    @Command(name = "decision", mixinStandardHelpOptions = true, description = "A decision, shared with the tenant.")
    static final class Decision extends Kinded {
        @Option(names = "--title", required = true) String title;
        @Option(names = "--decision", required = true) String decision;
        @Option(names = "--rationale") String rationale;
        @Option(names = "--tag", description = "A tag (repeatable).") List<String> tags = new ArrayList<>();

        Decision(Cli cli) {
            super(cli);
        }

        @Override
        List<Item> items() {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("title", title);
            fields.put("decision", decision);
            fields.put("rationale", rationale);
            fields.put("tags", tags);
            return List.of(item(Kind.DECISION, fields));
        }
    }

    @Command(name = "learning", mixinStandardHelpOptions = true, description = "A skill learning, shared with the tenant.")
    static final class Learning extends Kinded {
        @Option(names = "--skill", required = true) String skill;
        @Option(names = "--learning", required = true) String learning;
        @Option(names = "--tag", description = "A tag (repeatable).") List<String> tags = new ArrayList<>();

        Learning(Cli cli) {
            super(cli);
        }

        @Override
        List<Item> items() {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("skill", skill);
            fields.put("learning", learning);
            fields.put("tags", tags);
            return List.of(item(Kind.LEARNING, fields));
        }
    }

    @Command(name = "error-solution", mixinStandardHelpOptions = true, description = "An error and its solution, shared with the tenant.")
    static final class ErrorSolution extends Kinded {
        @Option(names = "--error", required = true) String error;
        @Option(names = "--solution", required = true) String solution;
        @Option(names = "--context") String context;
        @Option(names = "--tag", description = "A tag (repeatable).") List<String> tags = new ArrayList<>();

        ErrorSolution(Cli cli) {
            super(cli);
        }

        @Override
        List<Item> items() {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("error", error);
            fields.put("solution", solution);
            fields.put("context", context);
            fields.put("tags", tags);
            return List.of(item(Kind.ERROR_SOLUTION, fields));
        }
    }

    @Command(name = "task", mixinStandardHelpOptions = true, description = "A task's state, visible to your devices only.")
    static final class Task extends Kinded {
        @Option(names = "--task-id", required = true) String taskId;
        @Option(names = "--description", required = true) String description;
        @Option(names = "--status", required = true,
                description = "pending, in_progress, completed, cancelled, failed or blocked") String status;
        @Option(names = "--outcome") String outcome;
        @Option(names = "--tool-success-count") Long toolSuccessCount;
        @Option(names = "--tool-error-count") Long toolErrorCount;
        @Option(names = "--user-corrections") Long userCorrections;

        Task(Cli cli) {
            super(cli);
        }

        @Override
        List<Item> items() {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("task_id", taskId);
            fields.put("description", description);
            fields.put("status", status);
            fields.put("outcome", outcome);
            fields.put("tool_success_count", toolSuccessCount);
            fields.put("tool_error_count", toolErrorCount);
            fields.put("user_corrections", userCorrections);
            return List.of(item(Kind.TASK, fields));
        }
    }

    @Command(name = "message", mixinStandardHelpOptions = true, description = "A session message, visible to your devices only.")
    static final class Message extends Kinded {
        @Option(names = "--session", required = true) String session;
        @Option(names = "--role", required = true, description = "user, assistant, system or tool") String role;
        @Option(names = "--content", required = true) String content;
        @Option(names = "--message-id", description = "Default: a new random id.") String messageId;

        Message(Cli cli) {
            super(cli);
        }

        @Override
        List<Item> items() {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("message_id", messageId != null ? messageId : UUID.randomUUID().toString());
            fields.put("session_id", session);
            fields.put("role", role);
            fields.put("content", content);
            return List.of(item(Kind.MESSAGE, fields));
        }
    }

    @Command(name = "project-context", mixinStandardHelpOptions = true,
            description = "Context about a project (needs --project), shared with the tenant.")
    static final class ProjectContext extends Kinded {
        @Option(names = "--title", required = true) String title;
        @Option(names = "--content", required = true) String content;

        ProjectContext(Cli cli) {
            super(cli);
        }

        @Override
        List<Item> items() {
            if (common.project == null) {
                throw new CommandLine.ParameterException(new CommandLine(this), "project-context needs --project");
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("title", title);
            fields.put("content", content);
            return List.of(item(Kind.PROJECT_CONTEXT, fields));
        }
    }

    @Command(name = "item", mixinStandardHelpOptions = true,
            description = {"Items as JSON, in the shape of POST /api/v1/context/push: one object with \"kind\",",
                    "or {\"items\": [...]}. Read from FILE, or stdin when FILE is - or absent.",
                    "The server judges the fields: an item it refuses goes dead with its reason."})
    static final class Items extends Kinded {
        @Parameters(arity = "0..1", paramLabel = "FILE") String file;

        Items(Cli cli) {
            super(cli);
        }

        @Override
        List<Item> items() throws IOException {
            String text = file == null || file.equals("-")
                    ? new String(cli.in().readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(Path.of(file), StandardCharsets.UTF_8);
            Map<String, Object> json = Json.parseObject(text);
            List<Object> list = json.containsKey("items") ? JsonValues.array(json, "items") : List.of(json);
            if (list == null || list.isEmpty()) {
                throw new JsonException("\"items\" must be a non-empty array");
            }
            List<Item> items = new ArrayList<>(list.size());
            for (Object entry : list) {
                Map<String, Object> object = new LinkedHashMap<>(JsonValues.asObject(entry, "an item"));
                if (common.project != null) {
                    object.putIfAbsent("project_id", common.project);
                }
                items.add(Item.fromJson(object));
            }
            return items;
        }
    }
}
