package io.contextstore.client.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.SplittableRandom;

/**
 * The {@code ctx} command. This class does not touch picocli, so that {@code ctx hook} never loads it
 * (see {@link HookFastPath}); every other command goes through {@link Commands}.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        JvmSettings.apply();
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        Cli cli = new Cli(System.getenv(), System.in, out, err, Clock.systemUTC(), new SplittableRandom(),
                System.console() != null);
        System.exit(run(cli, args));
    }

    public static int run(Cli cli, String... given) {
        ProfileOption option;
        try {
            option = ProfileOption.take(given);
        } catch (IllegalArgumentException e) {
            cli.err().println("ctx: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        Cli chosen = option.profile() == null ? cli : cli.withProfile(option.profile());
        String[] args = option.rest();
        HookFastPath.Arguments hook = HookFastPath.parse(args);
        if (hook != null) {
            return HookFastPath.run(chosen, hook);
        }
        return Commands.commandLine(chosen).execute(args);
    }
}
