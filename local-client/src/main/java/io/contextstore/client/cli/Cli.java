package io.contextstore.client.cli;

import io.contextstore.client.ClientHome;
import io.contextstore.client.LocalContext;
import io.contextstore.client.json.Json;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.random.RandomGenerator;

/** What every command needs from its surroundings, passed in so tests and child processes can set it. */
public record Cli(Map<String, String> environment, InputStream in, PrintStream out, PrintStream err, Clock clock,
                  RandomGenerator random, boolean terminal) {

    public ClientHome home() {
        return ClientHome.fromEnvironment(environment);
    }

    public LocalContext open() {
        return LocalContext.open(home(), clock, random);
    }

    void printJson(Object value) {
        out.println(Json.write(value));
    }
}
