package io.contextstore.client.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "ctx", mixinStandardHelpOptions = true, version = "ctx 0.1.0",
        description = {"Context Store on this machine: four SQLite tiers under $CTX_HOME",
                "(default ~/.contextstore), a durable offline queue, and sync with the server.",
                "",
                "Every write is queued first and sent by `ctx sync`; nothing is lost offline.",
                "Several accounts: profiles (see `ctx profile --help`)."},
        footer = {"", ExitCodes.HELP})
final class CtxCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** Documented here; taken out of the arguments before picocli sees them, wherever it stands (ProfileOption). */
    @picocli.CommandLine.Option(names = ProfileOption.NAME, paramLabel = "NAME",
            description = "Work on profile NAME (also after the command, and as $CTX_PROFILE); see `ctx profile`.")
    String profile;

    private final Cli cli;

    CtxCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(cli.err());
        return ExitCodes.USAGE;
    }
}
