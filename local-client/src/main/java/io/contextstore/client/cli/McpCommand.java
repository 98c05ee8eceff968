package io.contextstore.client.cli;

import io.contextstore.client.LocalContext;
import io.contextstore.client.mcp.ContextMcpServer;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "mcp", mixinStandardHelpOptions = true,
        description = {"Serve the Model Context Protocol on stdin/stdout for an assistant (Claude Code, any MCP client):",
                "search_context, get_item, list_open_tasks, record_decision, record_learning, record_error_solution.",
                "Register it with: claude mcp add context-store -- /path/to/ctx mcp",
                "Its profile: --profile, else CTX_PROFILE, else the binding of $CLAUDE_PROJECT_DIR (set by Claude Code),",
                "else of its working directory, else the default profile.",
                "While it serves, a logged-in machine's context follows the live stream and what the tools record is sent",
                "as it is queued (as ctx sync --watch does)."},
        footer = {"", ExitCodes.HELP})
final class McpCommand implements Callable<Integer> {

    @Option(names = "--no-watch", description = "Serve what this machine holds without following the live stream"
            + " (a metered connection); record tools still start a background sync.")
    boolean noWatch;

    private final Cli cli;

    McpCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintStream protocol = cli.out();
        // stdout carries protocol frames only: anything else that writes to System.out (a logger's console
        // appender, a library's warning) goes to stderr, which MCP clients keep as the server's log.
        System.setOut(cli.err());
        try (LocalContext context = cli.open(projectDirectory()); LiveTiers live = noWatch ? LiveTiers.NONE : LiveTiers.start(cli, context)) {
            new ContextMcpServer(context, Main.class.getName()).serve(cli.in(), protocol, "0.1.0");
            return ExitCodes.OK;
        }
    }

    /**
     * The session's project: Claude Code starts a stdio server in the directory it was started in, and newer versions
     * also name it in CLAUDE_PROJECT_DIR, which stays right when that start directory does not (ADR 37).
     */
    private java.nio.file.Path projectDirectory() {
        String project = cli.environment().get("CLAUDE_PROJECT_DIR");
        if (project != null && !project.isBlank()) {
            java.nio.file.Path directory = java.nio.file.Path.of(project);
            if (directory.isAbsolute()) {
                return directory;
            }
        }
        return cli.directory();
    }
}
