package io.contextstore.client.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The documented face of {@code ctx hook}; the work is {@link HookFastPath}'s. */
@Command(name = "hook", mixinStandardHelpOptions = true,
        description = {"Read one editor hook event (JSON) on stdin and record it locally, without the network.",
                "A PostToolUse event of TodoWrite becomes one task event per todo, with its status (queued).",
                "PostToolUse events of other tools are counted in tool_analytics (sessions.db); `ctx sync` sends",
                "each session's totals per tool when they changed.",
                "SessionStart is answered with a digest of the project (open tasks, project context, recent decisions,",
                "learnings, error solutions), UserPromptSubmit with the items most relevant to the prompt: hook JSON",
                "with additionalContext on stdout, nothing when nothing is relevant. Other events are ignored (exit 0).",
                "Malformed input exits 65 and records nothing."},
        footer = {"", ExitCodes.HELP})
final class HookCommand implements Callable<Integer> {

    @Option(names = "--project", description = "File tasks under this project (default: the last part of the event's cwd).")
    String project;

    @Option(names = "--sync", description = "Then start `ctx sync --background` detached (never waited for).")
    boolean sync;

    @Option(names = "--budget", defaultValue = "8000",
            description = "At most this many characters of additionalContext (default ${DEFAULT-VALUE}).")
    int budget;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final Cli cli;

    HookCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        if (budget < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--budget must be at least 1");
        }
        return HookFastPath.run(cli, new HookFastPath.Arguments(project, sync, budget));
    }
}
