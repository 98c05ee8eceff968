package io.contextstore.client.cli;

import io.contextstore.client.LocalContext;
import io.contextstore.client.StatusReader;
import io.contextstore.client.auth.AuthenticationFailed;
import io.contextstore.client.http.ServerUnavailable;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Queue depth, dead items, last sync, cursors, secrets redacted by rule, and server lag.",
                "The server's watermark and projector lag come from GET /api/v1/context/status",
                "(skipped with --offline)."},
        footer = {"", ExitCodes.HELP})
final class StatusCommand implements Callable<Integer> {

    @Option(names = "--offline", description = "Do not ask the server.")
    boolean offline;

    @Mixin
    OutputOptions output;

    private final Cli cli;

    StatusCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Integer call() {
        try (LocalContext context = cli.open()) {
            Map<String, Object> status = new java.util.LinkedHashMap<>(StatusReader.local(context));
            if (!offline && status.get("account") != null) {
                try {
                    status.put("server", StatusReader.server(context, context.session(null)));
                } catch (ServerUnavailable | AuthenticationFailed e) {
                    status.put("server", Map.of("error", e.getMessage()));
                }
            }
            if (output.json) {
                cli.printJson(status);
                return ExitCodes.OK;
            }
            Map<String, Object> queue = (Map<String, Object>) status.get("queue");
            Map<String, Object> account = (Map<String, Object>) status.get("account");
            cli.out().println(account == null ? "Not logged in (ctx login)." : "Logged in to " + account.get("server")
                    + " as " + account.get("user_id") + " on device " + account.get("device_id") + ".");
            cli.out().println("Profile:   " + status.get("profile") + " (" + context.home().directory() + ")");
            cli.out().println("Queue:     " + queue.get("pending") + " pending, " + queue.get("dead") + " dead"
                    + (queue.get("oldest_pending") == null ? "" : " (oldest " + queue.get("oldest_pending")
                    + ", next attempt " + queue.get("next_attempt") + ")"));
            Map<String, Object> last = (Map<String, Object>) status.get("last_sync");
            cli.out().println("Last sync: " + (last == null ? "never" : last.get("finished_at") + " " + last.get("outcome")
                    + ", sent " + last.get("sent") + ", pulled " + last.get("pulled")
                    + (last.get("message") == null ? "" : " (" + last.get("message") + ")")));
            cli.out().println("Cursors:   " + status.get("cursors"));
            Map<String, Object> redactions = (Map<String, Object>) status.get("redactions");
            cli.out().println("Redacted:  " + (redactions.isEmpty() ? "no secrets so far" : redactions.entrySet().stream()
                    .map(e -> e.getValue() + " " + e.getKey()).collect(java.util.stream.Collectors.joining(", "))
                    + " (secrets replaced before the queue, by rule)"));
            Map<String, Object> server = (Map<String, Object>) status.get("server");
            if (server != null) {
                cli.out().println("Server:    " + (server.containsKey("error") ? "unavailable: " + server.get("error")
                        : "watermark " + server.get("watermark") + ", projector lag " + server.get("projector_lag")
                        + ", counts " + server.get("counts")));
            }
            return ExitCodes.OK;
        }
    }
}
