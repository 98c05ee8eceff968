package io.contextstore.client.cli;

import io.contextstore.client.ClientHome;
import io.contextstore.client.daemon.DaemonFile;
import io.contextstore.client.daemon.HookDaemon;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ctx daemon}: the resident process that answers {@code ctx hook} (ADR 35). */
@Command(name = "daemon", mixinStandardHelpOptions = true,
        description = {"The resident ctx that answers `ctx hook` for this CTX_HOME over loopback TCP, so an editor event",
                "does not start a JVM. The first hook that finds none answers itself and starts one; it stops after",
                "CTX_DAEMON_IDLE seconds without a hook (default 1800), when the launcher is rebuilt, or on `ctx daemon stop`.",
                "CTX_DAEMON=off: hooks never use or start it.",
                "  status  whether one runs (its pid and the hooks it answered); exit 1 when none",
                "  stop    stops it",
                "  run     runs it in the foreground (what the hook starts, output to $CTX_HOME/daemon.log)"},
        footer = {"", ExitCodes.HELP})
final class DaemonCommand implements Callable<Integer> {

    static final Duration DEFAULT_IDLE = Duration.ofMinutes(30);

    /** How the launcher hands a hook's CTX_PROFILE to the daemon, whose environment is another's. */
    private static final String PROFILE_VARIABLE = "CTX_PROFILE=";

    @Parameters(index = "0", description = "status, stop or run")
    String action;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Cli cli;

    DaemonCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        // one daemon per CTX_HOME, whatever the profile: it picks the profile of each event by the event's cwd (ADR 37)
        ClientHome home = action.equals("run") ? cli.root() : cli.root().ensureExists();
        Optional<DaemonFile> file = DaemonFile.read(home.directory());
        switch (action) {
            case "status" -> {
                Optional<String> answer = file.flatMap(daemon -> daemon.ask("status"));
                cli.out().println(answer.map(line -> describe(line, file.get()))
                        .orElse("No daemon for " + home.directory() + ": hooks start one (unless CTX_DAEMON=off)."));
                return answer.isPresent() ? ExitCodes.OK : ExitCodes.FAILURE;
            }
            case "stop" -> {
                Optional<String> answer = file.flatMap(daemon -> daemon.ask("stop"));
                cli.out().println(answer.isPresent() ? "Stopped the daemon (pid " + file.get().pid() + ")." : "No daemon was running.");
                return ExitCodes.OK;
            }
            case "run" -> {
                if (!java.nio.file.Files.isDirectory(home.directory())) {
                    return ExitCodes.OK; // deleted since the hook that started this one: nobody to serve
                }
                HookDaemon daemon = new HookDaemon(home.directory(), DaemonCommand::hook, idle());
                if (!daemon.serve()) {
                    cli.err().println("ctx: a daemon already serves " + home.directory());
                }
                return ExitCodes.OK;
            }
            default -> throw new CommandLine.ParameterException(spec.commandLine(), "unknown action " + action
                    + ": status, stop or run");
        }
    }

    private static String describe(String line, DaemonFile file) {
        String[] parts = line.split(" ");
        return "Daemon running: pid " + file.pid() + ", port " + file.port() + ", "
                + (parts.length > 2 ? parts[2] : "?") + " hooks answered.";
    }

    private Duration idle() {
        String seconds = cli.environment().get("CTX_DAEMON_IDLE");
        return seconds == null || seconds.isBlank() ? DEFAULT_IDLE : Duration.ofSeconds(Long.parseLong(seconds.strip()));
    }

    /**
     * {@code ctx hook args} exactly as a process of its own runs it, with the event as stdin, its output captured. Not
     * with the daemon's own CTX_PROFILE (that of whichever hook started it) but with the hook's: the launcher sends it
     * as a first argument {@code CTX_PROFILE=NAME} when set; without it the event's cwd decides (ADR 37).
     */
    private static HookDaemon.Answer hook(List<String> given, byte[] stdin) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        java.util.Map<String, String> environment = new java.util.HashMap<>(System.getenv());
        environment.remove("CTX_PROFILE");
        List<String> args = given;
        if (!given.isEmpty() && given.get(0).startsWith(PROFILE_VARIABLE)) {
            environment.put("CTX_PROFILE", given.get(0).substring(PROFILE_VARIABLE.length()));
            args = given.subList(1, given.size());
        }
        Cli cli = new Cli(environment, new ByteArrayInputStream(stdin), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), java.time.Clock.systemUTC(), new SplittableRandom(), false);
        List<String> line = new ArrayList<>(args.size() + 1);
        line.add("hook");
        line.addAll(args);
        int exit = Main.run(cli, line.toArray(String[]::new));
        return new HookDaemon.Answer(exit, out.toByteArray(), err.toByteArray());
    }
}
