package io.contextstore.client.cli;

import io.contextstore.client.LocalContext;
import io.contextstore.client.auth.Session;
import io.contextstore.client.http.HttpAnswer;
import io.contextstore.client.json.Json;
import io.contextstore.client.search.Entry;
import io.contextstore.client.search.LocalSearch;
import io.contextstore.events.FieldRule;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "share", mixinStandardHelpOptions = true,
        description = {"Share one of your personal items (a message) with its project's members or the whole tenant.",
                "The server records a new event naming it (POST /api/v1/context/share); the personal one stays.",
                "ID is the server's event id, as `ctx search` and `ctx list` print it. Needs the network."},
        footer = {"", ExitCodes.HELP})
final class ShareCommand implements Callable<Integer> {

    @Parameters(paramLabel = "ID")
    String id;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    /** Where to: a project (the one the item names, or another the user is in), or everyone. */
    static final class Target {
        @Option(names = "--project", description = {"The members of this project: the one the item names, or another you",
                "are in (an item of a restricted project stays with that project's members)."})
        String project;

        @Option(names = "--tenant", description = "Every member of the tenant.")
        boolean tenant;
    }

    @Mixin
    OutputOptions output;

    private final Cli cli;

    ShareCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        try (LocalContext context = cli.open()) {
            LocalSearch search = new LocalSearch(context);
            Optional<Entry> found = ShowCommand.find(cli, search, id);
            if (found.isEmpty()) {
                return ExitCodes.FAILURE;
            }
            Entry entry = found.get();
            HttpAnswer answer = send(context.session(null), Json.write(body(entry, search.fields(entry))));
            if (!answer.successful()) {
                cli.err().println("ctx: share refused: " + answer.problem().describe());
                return ExitCodes.FAILURE;
            }
            Map<String, Object> result = Json.parseObject(answer.body());
            if (output.json) {
                cli.printJson(result);
            } else {
                cli.out().println(("duplicate".equals(result.get("status")) ? "already shared " : "shared ") + id + " with "
                        + (target.tenant ? "the tenant" : "project " + target.project) + " as " + result.get("id"));
            }
            return ExitCodes.OK;
        }
    }

    /** The item as it was pushed (its kind, project and fields: the same content), naming it and the scope. */
    private Map<String, Object> body(Entry entry, Map<String, Object> row) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", entry.kind().wireName());
        if (entry.project() != null) {
            body.put("project_id", entry.project());
        }
        for (FieldRule field : entry.kind().event().fields()) {
            if (row.get(field.name()) != null) {
                body.put(field.name(), row.get(field.name()));
            }
        }
        body.put("shares", id);
        body.put("scope", target.tenant ? "tenant" : target.project.equals(entry.project()) ? "project"
                : Map.of("level", "project", "project_id", target.project)); // into a project the item does not name
        return body;
    }

    private static HttpAnswer send(Session session, String body) {
        HttpAnswer answer = session.api().post("/api/v1/context/share", session.token(), body);
        return answer.status() == 401 ? session.api().post("/api/v1/context/share", session.refresh(), body) : answer;
    }
}
