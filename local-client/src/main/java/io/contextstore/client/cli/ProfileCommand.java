package io.contextstore.client.cli;

import io.contextstore.client.ClientHome;
import io.contextstore.client.auth.CredentialStore;
import io.contextstore.client.auth.Credentials;
import io.contextstore.client.profile.ProfileChoice;
import io.contextstore.client.profile.ProfileException;
import io.contextstore.client.profile.ProfileName;
import io.contextstore.client.profile.Profiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ctx profile}: the accounts of this machine and the directories bound to them (ADR 37). */
@Command(name = "profile", mixinStandardHelpOptions = true,
        description = {"Several accounts on one machine. Each profile has its own tiers, queue and credentials: the default",
                "profile in $CTX_HOME, profile NAME in $CTX_HOME/profiles/NAME, created by `ctx login --profile NAME`.",
                "Which profile a command (or an editor hook, by its event's cwd; the MCP server, by its project) uses:",
                "  1. --profile NAME   2. $CTX_PROFILE   3. the nearest binding of the directory or one above it:",
                "     `ctx profile bind NAME DIR`, or a file .ctx-profile holding NAME (a `ctx profile bind` of the",
                "     same directory wins over its file)   4. the default profile.",
                "An unknown profile is an error (exit 6): nothing is written to any other."},
        footer = {"", ExitCodes.HELP})
final class ProfileCommand implements Callable<Integer> {

    private final Cli cli;

    private ProfileCommand(Cli cli) {
        this.cli = cli;
    }

    static CommandLine commandLine(Cli cli) {
        return new CommandLine(new ProfileCommand(cli)).addSubcommand(new ListProfiles(cli)).addSubcommand(new Show(cli))
                .addSubcommand(new Bind(cli)).addSubcommand(new Unbind(cli));
    }

    @Override
    public Integer call() {
        cli.err().println("ctx profile: list, show, bind or unbind");
        return ExitCodes.USAGE;
    }

    /** One profile as `list` and `show` print it; {@code choice} when it is the one chosen here. */
    private static Map<String, Object> describe(Profiles profiles, String name, ProfileChoice choice) {
        ClientHome home = profiles.home(name);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        json.put("directory", home.directory().toString());
        json.put("current", choice.name().equals(name));
        if (choice.name().equals(name)) {
            json.put("chosen_by", choice.source());
        }
        try {
            Optional<Credentials> account = new CredentialStore(home.credentials()).load();
            json.put("logged_in", account.isPresent());
            account.ifPresent(credentials -> {
                json.put("server", credentials.server());
                json.put("tenant_id", credentials.tenantId());
                json.put("user_id", credentials.userId());
                json.put("device_id", credentials.deviceId());
            });
        } catch (IllegalStateException e) {
            json.put("logged_in", false);
            json.put("error", e.getMessage());
        }
        List<String> bound = new ArrayList<>();
        profiles.bindings().forEach((directory, profile) -> {
            if (profile.equals(name)) {
                bound.add(directory.toString());
            }
        });
        json.put("bound_directories", bound);
        return json;
    }

    private static String line(Map<String, Object> profile) {
        String account = Boolean.TRUE.equals(profile.get("logged_in")) ? profile.get("user_id") + " of tenant "
                + profile.get("tenant_id") + " at " + profile.get("server") : "not logged in";
        return (Boolean.TRUE.equals(profile.get("current")) ? "* " : "  ") + profile.get("name") + "  " + account
                + "  (" + profile.get("directory") + ")";
    }

    private static ProfileChoice chosenHere(Cli cli) {
        return cli.profiles().choose(cli.profile(), cli.environment().get("CTX_PROFILE"), cli.directory());
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Every profile (* the one used in this directory, and why), and every bound directory.")
    static final class ListProfiles implements Callable<Integer> {
        @Mixin OutputOptions output;
        private final Cli cli;

        ListProfiles(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            Profiles profiles = cli.profiles();
            ProfileChoice here = chosenHere(cli);
            List<Map<String, Object>> all = new ArrayList<>();
            for (String name : profiles.names()) {
                all.add(describe(profiles, name, here));
            }
            List<Map<String, String>> bindings = new ArrayList<>();
            profiles.bindings().forEach((directory, name) -> bindings.add(Map.of("directory", directory.toString(), "profile", name)));
            if (output.json) {
                cli.printJson(Map.of("profiles", all, "bindings", bindings,
                        "here", Map.of("profile", here.name(), "chosen_by", here.source())));
                return ExitCodes.OK;
            }
            all.forEach(profile -> cli.out().println(line(profile)));
            cli.out().println("Here (" + cli.directory() + "): " + here.name() + ", chosen by " + here.source()
                    + (profiles.exists(here.name()) ? "" : " (unknown profile: ctx login --profile " + here.name() + ")"));
            bindings.forEach(binding -> cli.out().println("Bound: " + binding.get("directory") + " -> " + binding.get("profile")));
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "The profile used in this directory and why, or profile NAME: its directory, account and bindings.")
    static final class Show implements Callable<Integer> {
        @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "A profile (default: the one used here).")
        String name;
        @Mixin OutputOptions output;
        private final Cli cli;

        Show(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            Profiles profiles = cli.profiles();
            ProfileChoice here = chosenHere(cli);
            String shown = name == null ? here.name() : ProfileName.checked(name, "ctx profile show");
            if (!profiles.exists(shown)) {
                throw new ProfileException("unknown profile \"" + shown + "\"" + (name == null ? " (chosen by " + here.source()
                        + ")" : "") + "; create it with: ctx login --profile " + shown);
            }
            Map<String, Object> profile = describe(profiles, shown, here);
            if (output.json) {
                cli.printJson(profile);
                return ExitCodes.OK;
            }
            cli.out().println(line(profile).substring(2));
            if (profile.containsKey("chosen_by")) {
                cli.out().println("Used here (" + cli.directory() + "), chosen by " + profile.get("chosen_by") + ".");
            }
            ((List<?>) profile.get("bound_directories")).forEach(directory -> cli.out().println("Bound: " + directory));
            return ExitCodes.OK;
        }
    }

    @Command(name = "bind", mixinStandardHelpOptions = true,
            description = {"Use profile NAME for DIRECTORY and everything under it (hooks by their event's cwd, commands by",
                    "their working directory), unless a nearer binding says otherwise. DIRECTORY must exist."})
    static final class Bind implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME") String name;
        @Parameters(index = "1", paramLabel = "DIRECTORY") Path directory;
        private final Cli cli;

        Bind(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            Path bound = cli.profiles().bind(name, cli.directory().resolve(directory));
            cli.out().println("Bound " + bound + " to profile " + name + ".");
            return ExitCodes.OK;
        }
    }

    @Command(name = "unbind", mixinStandardHelpOptions = true, description = "Remove the binding of DIRECTORY.")
    static final class Unbind implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIRECTORY") Path directory;
        private final Cli cli;

        Unbind(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            Path unbound = cli.profiles().unbind(cli.directory().resolve(directory));
            cli.out().println("Removed the binding of " + unbound + ".");
            return ExitCodes.OK;
        }
    }
}
