package io.contextstore.client.cli;

import io.contextstore.client.ClientHome;
import io.contextstore.client.LocalContext;
import io.contextstore.client.json.Json;
import io.contextstore.client.profile.Profiles;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * What every command needs from its surroundings, passed in so tests and child processes can set it.
 *
 * @param directory the working directory, which picks the profile when nothing else does (ADR 37)
 * @param profile   the global {@code --profile} option, or null
 */
public record Cli(Map<String, String> environment, InputStream in, PrintStream out, PrintStream err, Clock clock,
                  RandomGenerator random, boolean terminal, Path directory, String profile) {

    /** In the process's working directory, without {@code --profile}. */
    public Cli(Map<String, String> environment, InputStream in, PrintStream out, PrintStream err, Clock clock,
               RandomGenerator random, boolean terminal) {
        this(environment, in, out, err, clock, random, terminal, Path.of("").toAbsolutePath(), null);
    }

    public Cli withProfile(String option) {
        return new Cli(environment, in, out, err, clock, random, terminal, directory, option);
    }

    /** {@code $CTX_HOME} (its default profile): where the profiles, the bindings and the hook daemon live. */
    public ClientHome root() {
        return ClientHome.fromEnvironment(environment);
    }

    public Profiles profiles() {
        return new Profiles(root().root());
    }

    /** The profile for work from {@code from} (null: no directory): --profile, CTX_PROFILE, binding, default. */
    public ClientHome home(Path from) {
        return profiles().select(profile, environment.get("CTX_PROFILE"), from);
    }

    /** The context of the profile for this working directory. */
    public LocalContext open() {
        return open(directory);
    }

    /** The context of the profile for work from {@code from} (an editor event's cwd; null when it has none). */
    public LocalContext open(Path from) {
        return LocalContext.open(home(from), clock, random);
    }

    void printJson(Object value) {
        out.println(Json.write(value));
    }
}
