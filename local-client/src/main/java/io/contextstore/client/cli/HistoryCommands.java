package io.contextstore.client.cli;

import io.contextstore.client.LocalContext;
import io.contextstore.client.auth.Session;
import io.contextstore.client.edits.LocalConflicts;
import io.contextstore.client.http.HttpAnswer;
import io.contextstore.client.http.ServerUnavailable;
import io.contextstore.client.items.Kind;
import io.contextstore.client.json.Json;
import io.contextstore.client.json.JsonValues;
import io.contextstore.client.search.Entry;
import io.contextstore.client.search.LocalSearch;
import io.contextstore.client.tiers.Edits;
import io.contextstore.events.EventKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ctx history} and {@code ctx conflicts} (ADR 39): what the server keeps of edits. History needs the network;
 * conflicts are also read from this machine's tiers when the server cannot answer ({@link LocalConflicts}).
 */
final class HistoryCommands {

    private HistoryCommands() {
    }

    @Command(name = "history", mixinStandardHelpOptions = true,
            description = {"Every version of an item, retracted ones included, oldest first (from the server)."},
            footer = {"", ExitCodes.HELP})
    static final class History implements Callable<Integer> {

        @Parameters(paramLabel = "ID", description = "The item's id, or any version's this machine holds.")
        String id;

        @Option(names = "--kind", description = "The item's kind, for an item no longer on this machine (retracted).")
        String kind;

        @Mixin
        OutputOptions output;

        private final Cli cli;

        History(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            try (LocalContext context = cli.open()) {
                Optional<Entry> entry = new LocalSearch(context).show(id);
                Optional<Kind> named = kind == null ? entry.map(Entry::kind) : Kind.fromWireName(kind);
                if (named.isEmpty() || !named.get().event().editable()) {
                    cli.err().println("ctx: no item " + id + " on this machine; name its kind with --kind ("
                            + EventKind.editableWireNames() + ")");
                    return ExitCodes.FAILURE;
                }
                String item = entry.isPresent() && entry.get().confirmed()
                        ? context.tier(named.get().tier()).read(c -> Edits.itemOf(c, id)) : id;
                HttpAnswer answer = get(context.session(null), "/api/v1/context/" + named.get().event().endpoint() + "/"
                        + item + "/history");
                if (!answer.successful()) {
                    cli.err().println("ctx: history refused: " + answer.problem().describe());
                    return ExitCodes.FAILURE;
                }
                Map<String, Object> history = Json.parseObject(answer.body());
                if (output.json) {
                    cli.printJson(history);
                } else {
                    cli.out().println("item " + history.get("item_id") + " (" + history.get("kind") + ")"
                            + (Boolean.TRUE.equals(history.get("conflict")) ? ", in conflict" : "")
                            + (Boolean.TRUE.equals(history.get("retracted")) ? ", retracted" : ""));
                    printVersions(cli, JsonValues.array(history, "versions"));
                }
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "conflicts", mixinStandardHelpOptions = true,
            description = {"Items two edits left with more than one current version, from the server; when it cannot be",
                    "reached (or with --local), this machine's view: its tiers as of their last pull, offline.",
                    "Resolve one with ctx edit (it replaces every version this machine holds) after ctx sync."},
            footer = {"", ExitCodes.HELP})
    static final class Conflicts implements Callable<Integer> {

        @Option(names = "--local", description = "This machine's view only; the server is not asked.")
        boolean local;

        @Mixin
        OutputOptions output;

        private final Cli cli;

        Conflicts(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            try (LocalContext context = cli.open()) {
                if (local) {
                    return print(local(context, "the server was not asked"));
                }
                HttpAnswer answer;
                try {
                    answer = get(context.session(null), "/api/v1/context/conflicts");
                } catch (ServerUnavailable unreachable) {
                    return print(local(context, "the server could not be reached: " + unreachable.getMessage()));
                }
                if (answer.unavailable()) {
                    return print(local(context, "the server answered " + answer.problem().describe()));
                }
                if (!answer.successful()) {
                    cli.err().println("ctx: conflicts refused: " + answer.problem().describe());
                    return ExitCodes.FAILURE;
                }
                return print(Json.parseObject(answer.body()));
            }
        }

        private static Map<String, Object> local(LocalContext context, String why) {
            return LocalConflicts.json(new LocalConflicts(context).list(), why);
        }

        /** The server's answer, or the local one in the same shape with its note first. */
        private int print(Map<String, Object> body) {
            if (output.json) {
                cli.printJson(body);
                return ExitCodes.OK;
            }
            boolean fromTiers = LocalConflicts.SOURCE.equals(body.get("source"));
            if (fromTiers) {
                cli.out().println(body.get("note"));
            }
            List<Object> conflicts = JsonValues.array(body, "conflicts");
            if (conflicts == null || conflicts.isEmpty()) {
                cli.out().println(fromTiers ? "no conflicts on this machine" : "no conflicts");
            }
            for (Object entry : conflicts == null ? List.of() : conflicts) {
                Map<String, Object> conflict = JsonValues.asObject(entry, "a conflict");
                cli.out().println("item " + conflict.get("item_id") + " (" + conflict.get("kind") + "): versions "
                        + conflict.get("current"));
                printVersions(cli, JsonValues.array(conflict, "versions"));
            }
            return ExitCodes.OK;
        }
    }

    /** One line per version: its cursor, author, whether current (*), and every field it says (a retraction: its reason). */
    private static void printVersions(Cli cli, List<Object> versions) {
        for (Object entry : versions == null ? List.<Object>of() : versions) {
            Map<String, Object> version = JsonValues.asObject(entry, "a version");
            Map<String, Object> data = JsonValues.object(version, "data");
            String says = data == null ? "" : data.entrySet().stream()
                    .filter(field -> field.getValue() != null && !(field.getValue() instanceof List<?> l && l.isEmpty()))
                    .map(field -> field.getKey() + ": " + field.getValue()).collect(Collectors.joining(", "));
            cli.out().println(String.format("  %s version %s by %s@%s %s: %s",
                    Boolean.TRUE.equals(version.get("current")) ? "*" : " ", version.get("version"), version.get("user_id"),
                    version.get("device_id"), version.get("kind"), says));
        }
    }

    private static HttpAnswer get(Session session, String path) {
        HttpAnswer answer = session.api().get(path, session.token());
        return answer.status() == 401 ? session.api().get(path, session.refresh()) : answer;
    }
}
