package io.contextstore.client.cli;

import io.contextstore.client.LocalContext;
import io.contextstore.client.hook.BackgroundSync;
import io.contextstore.client.hook.HookDecision;
import io.contextstore.client.hook.HookRunner;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "hook", mixinStandardHelpOptions = true,
        description = {"Read one editor hook event (JSON) on stdin and record it locally, without the network.",
                "A PostToolUse event of TodoWrite becomes one task event per todo, with its status (queued).",
                "PostToolUse events of other tools are counted in tool_analytics (sessions.db) and queue nothing;",
                "other hook events are ignored. Malformed input exits 65 and records nothing."},
        footer = {"", ExitCodes.HELP})
final class HookCommand implements Callable<Integer> {

    @Option(names = "--project", description = "File tasks under this project (default: the last part of the event's cwd).")
    String project;

    @Option(names = "--sync", description = "Then start `ctx sync --background` detached (never waited for).")
    boolean sync;

    private final Cli cli;

    HookCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws IOException {
        try (LocalContext context = cli.open()) {
            HookDecision decision = HookRunner.run(context, cli.in(), project);
            if (sync && decision instanceof HookDecision.Tasks tasks && !tasks.items().isEmpty()
                    && java.nio.file.Files.exists(context.home().credentials())) {
                BackgroundSync.start(Main.class.getName(), context.home().syncLog(),
                        Map.of("CTX_HOME", context.home().directory().toString()));
            }
        }
        return ExitCodes.OK;
    }
}
