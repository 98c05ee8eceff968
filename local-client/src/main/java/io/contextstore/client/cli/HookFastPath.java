package io.contextstore.client.cli;

import io.contextstore.client.LocalContext;
import io.contextstore.client.hook.BackgroundSync;
import io.contextstore.client.hook.HookDecision;
import io.contextstore.client.hook.HookEvents;
import io.contextstore.client.hook.HookRunner;
import io.contextstore.client.inject.ContextInjection;
import io.contextstore.client.json.JsonException;
import io.contextstore.client.profile.ProfileException;
import java.nio.file.Files;

/**
 * {@code ctx hook} without the command-line framework: building picocli's model of every command costs
 * more than the hook's own work (picocli's classes are too old a class-file version for the class data
 * archive). Only the plain forms are taken here; anything else ({@code --help}, a typo) goes through
 * {@link HookCommand}, which does the same work.
 */
final class HookFastPath {

    /** What the arguments ask for, or null to leave them to picocli. */
    record Arguments(String project, boolean sync, int budget) {
        Arguments(String project, boolean sync) {
            this(project, sync, ContextInjection.DEFAULT_BUDGET);
        }
    }

    private HookFastPath() {
    }

    static Arguments parse(String[] args) {
        if (args.length == 0 || !args[0].equals("hook")) {
            return null;
        }
        String project = null;
        boolean sync = false;
        String budget = null;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--sync")) {
                sync = true;
            } else if (args[i].equals("--budget") && i + 1 < args.length) {
                budget = args[++i];
            } else if (args[i].startsWith("--budget=")) {
                budget = args[i].substring("--budget=".length());
            } else if (args[i].equals("--project") && i + 1 < args.length) {
                project = args[++i];
            } else if (args[i].startsWith("--project=")) {
                project = args[i].substring("--project=".length());
            } else {
                return null;
            }
        }
        if (budget == null) {
            return new Arguments(project, sync);
        }
        try {
            int characters = Integer.parseInt(budget);
            return characters > 0 ? new Arguments(project, sync, characters) : null;
        } catch (NumberFormatException e) {
            return null; // picocli says what is wrong with it
        }
    }

    /**
     * The launcher found no daemon to answer (it sets CTX_DAEMON_START) and this process answered instead: after the
     * answer, one is started for the next events (ADR 35). A second daemon started alongside finds the lock held and exits.
     */
    private static void startDaemon(Cli cli, LocalContext context) {
        if (!"1".equals(cli.environment().get("CTX_DAEMON_START")) || "off".equals(cli.environment().get("CTX_DAEMON"))) {
            return;
        }
        try {
            // one daemon for the whole CTX_HOME, every profile: it routes each event by the event's cwd (ADR 37)
            java.util.Map<String, String> environment = new java.util.HashMap<>();
            environment.put("CTX_HOME", context.home().root().toString());
            environment.put("CTX_DAEMON_START", "0");
            BackgroundSync.start(Main.class.getName(), context.home().root().resolve("daemon.log"), environment,
                    java.util.List.of("daemon", "run"));
        } catch (java.io.IOException e) {
            cli.err().println("ctx: could not start the hook daemon: " + e.getMessage()); // the hook itself succeeded
        }
    }

    /**
     * The event is read first: its {@code cwd} picks the profile (ADR 37), never this process's working directory (the
     * daemon's is any hook's). Malformed input or an unknown profile records nothing.
     */
    static int run(Cli cli, Arguments arguments) {
        String event;
        try {
            event = HookRunner.read(cli.in());
        } catch (JsonException e) {
            cli.err().println("ctx: " + e.getMessage());
            return ExitCodes.MALFORMED_INPUT;
        } catch (java.io.IOException e) {
            cli.err().println("ctx: cannot read the hook event: " + e.getMessage());
            return ExitCodes.FAILURE;
        }
        try (LocalContext context = cli.open(HookEvents.directory(event))) {
            HookRunner.Outcome outcome = HookRunner.run(context, event, arguments.project(), arguments.budget());
            HookDecision decision = outcome.decision();
            if (outcome.output() != null) {
                cli.out().println(outcome.output());
            }
            if (arguments.sync() && decision instanceof HookDecision.Tasks tasks && !tasks.items().isEmpty()
                    && Files.exists(context.home().credentials())) {
                BackgroundSync.start(Main.class.getName(), context.home().syncLog(), context.home().environment());
            }
            startDaemon(cli, context);
            return ExitCodes.OK;
        } catch (JsonException e) {
            cli.err().println("ctx: " + e.getMessage());
            return ExitCodes.MALFORMED_INPUT;
        } catch (ProfileException e) {
            cli.err().println("ctx: " + e.getMessage() + "; nothing was recorded");
            return ExitCodes.PROFILE;
        } catch (Exception e) {
            cli.err().println("ctx: " + (e.getMessage() == null ? e.getClass().getName() : e.getMessage()));
            return ExitCodes.FAILURE;
        }
    }
}
