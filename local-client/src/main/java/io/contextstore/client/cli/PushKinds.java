package io.contextstore.client.cli;

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
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The kinds {@code ctx push} takes, one subcommand each, with the fields of docs/api.md as options. */
final class PushKinds {

    private PushKinds() {
    }

    /** The values the API accepts, spelled as on the wire, so a typo is a usage error now and not a dead item later. */
    enum TaskStatus { pending, in_progress, completed, cancelled, failed, blocked }

    enum Role { user, assistant, system, tool }

    @Command(name = "decision", mixinStandardHelpOptions = true, description = "A decision, shared with the tenant.")
    static final class Decision extends PushCommand.Kinded {
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
    static final class Learning extends PushCommand.Kinded {
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
    static final class ErrorSolution extends PushCommand.Kinded {
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
    static final class Task extends PushCommand.Kinded {
        @Option(names = "--task-id", required = true) String taskId;
        @Option(names = "--description", required = true) String description;
        @Option(names = "--status", required = true,
                description = "pending, in_progress, completed, cancelled, failed or blocked") TaskStatus status;
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
            fields.put("status", status.name());
            fields.put("outcome", outcome);
            fields.put("tool_success_count", toolSuccessCount);
            fields.put("tool_error_count", toolErrorCount);
            fields.put("user_corrections", userCorrections);
            return List.of(item(Kind.TASK, fields));
        }
    }

    @Command(name = "message", mixinStandardHelpOptions = true, description = "A session message, visible to your devices only.")
    static final class Message extends PushCommand.Kinded {
        @Option(names = "--session", required = true) String session;
        @Option(names = "--role", required = true, description = "user, assistant, system or tool") Role role;
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
            fields.put("role", role.name());
            fields.put("content", content);
            return List.of(item(Kind.MESSAGE, fields));
        }
    }

    @Command(name = "project-context", mixinStandardHelpOptions = true,
            description = "Context about a project (needs --project), shared with the tenant.")
    static final class ProjectContext extends PushCommand.Kinded {
        @Option(names = "--title", required = true) String title;
        @Option(names = "--content", required = true) String content;

        ProjectContext(Cli cli) {
            super(cli);
        }

        @Override
        List<Item> items() {
            if (common.project == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "project-context needs --project");
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
    static final class Items extends PushCommand.Kinded {
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
                if (common.personal) {
                    object.put("scope", "personal");
                }
                items.add(Item.fromJson(object));
            }
            return items;
        }
    }
}
