package io.contextstore.client;

import io.contextstore.client.cli.Cli;
import io.contextstore.client.cli.Main;
import io.contextstore.client.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code ctx} against one client home: in this JVM, or as its own process like the launcher does; in this JVM from
 * {@code directory} (null: the test's working directory) with {@code environment} added to CTX_HOME.
 */
public record Ctx(Path home, Path directory, Map<String, String> environment) {

    public Ctx(Path home) {
        this(home, null, Map.of());
    }

    /** The same home, run from {@code workingDirectory} (which picks the profile, ADR 37). */
    public Ctx in(Path workingDirectory) {
        return new Ctx(home, workingDirectory, environment);
    }

    /** The same home with one more environment variable. */
    public Ctx with(String name, String value) {
        Map<String, String> more = new java.util.HashMap<>(environment);
        more.put(name, value);
        return new Ctx(home, directory, Map.copyOf(more));
    }

    public record Run(int exit, String out, String err) {
        public Map<String, Object> json() {
            return Json.parseObject(out.strip());
        }
    }

    public Run run(String... args) {
        return runWithInput("", args);
    }

    public Run runWithInput(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> variables = new java.util.HashMap<>(environment);
        variables.put("CTX_HOME", home.toString());
        Cli cli = new Cli(Map.copyOf(variables), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Clock.systemUTC(), new SplittableRandom(), false,
                directory == null ? Path.of("").toAbsolutePath() : directory, null);
        int exit = Main.run(cli, args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A separate JVM running {@code mainClass} with this home, on this JVM's class path. */
    public ProcessBuilder process(String mainClass, String... args) {
        return processOn(System.getProperty("java.class.path"), mainClass, args);
    }

    /** A separate JVM running {@code mainClass} with this home, on {@code classpath}. */
    public ProcessBuilder processOn(String classpath, String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", classpath, mainClass));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("CTX_HOME", home.toString());
        return builder;
    }

    public ProcessBuilder ctxProcess(String... args) {
        return process(Main.class.getName(), args);
    }

    /** Starts {@code builder} with {@code stdin} as its input and waits (a minute at most) for its exit and output. */
    public static Run complete(ProcessBuilder builder, String stdin) throws IOException, InterruptedException {
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("still running after a minute: " + builder.command());
        }
        return new Run(process.exitValue(), out, err);
    }

    /** One number from a tier file, read with plain JDBC as any SQLite tool would. */
    public long count(String file, String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + home.resolve(file));
             Statement statement = c.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<String> strings(String file, String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + home.resolve(file));
             Statement statement = c.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static String read(Process process) {
        try {
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
