package io.contextstore.client.cli;

import io.contextstore.client.auth.AuthenticationFailed;
import io.contextstore.client.http.ServerUnavailable;
import io.contextstore.client.json.JsonException;
import io.contextstore.client.profile.ProfileException;
import picocli.CommandLine;

/** The picocli model of every command, and how failures become exit codes. */
public final class Commands {

    private Commands() {
    }

    public static CommandLine commandLine(Cli cli) {
        CommandLine commandLine = new CommandLine(new CtxCommand(cli));
        commandLine.addSubcommand(new LoginCommand(cli));
        commandLine.addSubcommand(ProfileCommand.commandLine(cli));
        commandLine.addSubcommand(PushCommand.commandLine(cli));
        commandLine.addSubcommand("sync", SyncCommand.commandLine(cli, true));
        commandLine.addSubcommand("pull", SyncCommand.commandLine(cli, false));
        commandLine.addSubcommand(new StatusCommand(cli));
        commandLine.addSubcommand(QueueCommand.commandLine(cli));
        commandLine.addSubcommand(new HookCommand(cli));
        commandLine.addSubcommand(new DaemonCommand(cli));
        commandLine.addSubcommand(new ImportLegacyCommand(cli));
        // `ctx search -kafka` excludes a word: a query word is never an unknown option
        commandLine.addSubcommand(new CommandLine(new SearchCommand(cli)).setUnmatchedOptionsArePositionalParams(true));
        commandLine.addSubcommand(new ShowCommand(cli));
        commandLine.addSubcommand(new ListCommand(cli));
        commandLine.addSubcommand(new ShareCommand(cli));
        commandLine.addSubcommand(new EditCommands.Edit(cli));
        commandLine.addSubcommand(new EditCommands.Retract(cli));
        commandLine.addSubcommand(new HistoryCommands.History(cli));
        commandLine.addSubcommand(new HistoryCommands.Conflicts(cli));
        commandLine.addSubcommand(new McpCommand(cli));
        commandLine.setOut(new java.io.PrintWriter(cli.out(), true));
        commandLine.setErr(new java.io.PrintWriter(cli.err(), true));
        commandLine.setExecutionExceptionHandler((e, line, parsed) -> {
            cli.err().println("ctx: " + message(e));
            return exitCode(e);
        });
        return commandLine;
    }

    static int exitCode(Throwable e) {
        if (e instanceof AuthenticationFailed) {
            return ExitCodes.AUTHENTICATION;
        }
        if (e instanceof ServerUnavailable) {
            return ExitCodes.UNAVAILABLE;
        }
        if (e instanceof ProfileException) {
            return ExitCodes.PROFILE;
        }
        if (e instanceof JsonException) {
            return ExitCodes.MALFORMED_INPUT;
        }
        if (e instanceof CommandLine.ParameterException) {
            return ExitCodes.USAGE;
        }
        return ExitCodes.FAILURE;
    }

    private static String message(Throwable e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getName() : message;
    }
}
