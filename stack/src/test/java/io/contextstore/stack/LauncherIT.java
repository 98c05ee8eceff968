package io.contextstore.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.testing.ApiClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's start command as a user runs it: its own process, progress while it starts and no warnings,
 * the ready banner, Ctrl-C, nothing left running.
 */
class LauncherIT {

    private static final Pattern BASE_URL = Pattern.compile("Base URL\\s+(\\S+)");
    private static final Pattern DEMO_KEY = Pattern.compile("Demo license key\\s+(\\S+)");

    @TempDir
    Path data;

    @Test
    void upPrintsItsProgressAndNoWarningThenTheBaseUrlAndADemoKeyServesThemAndCtrlCStopsEverything() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", launcherClassPath(), Main.class.getName(), "up", "--data-dir", data.toString(),
                "--port", "0", "--kafka-port", "0", "--postgres-port", "0", "--partitions", "2"));
        Process up = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> readLines(up, output));
        reader.start();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> find(output, DEMO_KEY) != null || !up.isAlive());
            String baseUrl = find(output, BASE_URL);
            String key = find(output, DEMO_KEY);
            assertThat(baseUrl).as(String.join("\n", output)).isNotNull();

            assertThat(new ApiClient(baseUrl).login(key, "laptop")).isNotBlank();
            assertThat(output).as("start-up progress, then the banner").containsSubsequence("  PostgreSQL ...",
                    "  Database schema (Flyway) ...", "  Kafka broker (KRaft) ...", "  Services (ingest, projector, query) ...")
                    .anyMatch(line -> line.matches("  Kafka broker \\(KRaft\\) ready \\(\\d+ ms\\)"));
            assertThat(output).as("nothing on the console a person must act on while it starts")
                    .noneMatch(line -> line.contains(" WARN ") || line.contains(" ERROR "));
            assertThat(descendants(up)).isNotEmpty();
            List<ProcessHandle> children = descendants(up);

            String signal = interruptIgnored(up.pid()) ? "-TERM" : "-INT";
            new ProcessBuilder("kill", signal, Long.toString(up.pid())).start().waitFor();

            boolean stopped = up.waitFor(60, TimeUnit.SECONDS);
            if (!stopped) {
                // a hang says where it hangs: a JVM prints its threads on SIGQUIT, to the output read here
                new ProcessBuilder("kill", "-QUIT", Long.toString(up.pid())).start().waitFor();
                try {
                    // HotSpot ends a thread dump with this line
                    Awaitility.await().atMost(Duration.ofSeconds(10))
                            .until(() -> output.stream().anyMatch(line -> line.startsWith("JNI global refs")));
                } catch (ConditionTimeoutException e) {
                    output.add("(no thread dump within 10 s of SIGQUIT)");
                }
            }
            assertThat(stopped).as("stopped within 60 s after kill %s:%n%s", signal, String.join("\n", output)).isTrue();
            assertThat(String.join("\n", output)).contains("Stopped.");
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
            assertThat(Files.exists(data.resolve("postgres/postmaster.pid"))).isFalse();
        } finally {
            up.destroyForcibly();
        }
    }

    /**
     * This test's class path without what brings {@code logback-test.xml} (the testing module), so the launcher
     * logs to the console as it does for a user, with its own {@code logback.xml}.
     */
    private static String launcherClassPath() throws IOException {
        List<String> kept = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path path = Path.of(entry);
            boolean testLogging;
            if (Files.isDirectory(path)) {
                testLogging = Files.exists(path.resolve("logback-test.xml"));
            } else {
                try (java.util.jar.JarFile jar = new java.util.jar.JarFile(path.toFile())) {
                    testLogging = jar.getEntry("logback-test.xml") != null;
                }
            }
            if (!testLogging) {
                kept.add(entry);
            }
        }
        return String.join(java.io.File.pathSeparator, kept);
    }

    /**
     * A process started from a background job of a non-interactive shell inherits SIGINT ignored, and a
     * JVM then installs no handler for it: Ctrl-C cannot reach it, so the test stops it as a service
     * manager would (SIGTERM, the same shutdown hook).
     */
    private static boolean interruptIgnored(long pid) throws IOException {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        if (!Files.exists(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16) & 0x2) != 0;
            }
        }
        return false;
    }

    private static List<ProcessHandle> descendants(Process process) {
        return process.toHandle().descendants().filter(ProcessHandle::isAlive).toList();
    }

    private static String find(List<String> lines, Pattern pattern) {
        for (String line : lines) {
            Matcher matcher = pattern.matcher(line);
            if (matcher.find()) {
                return matcher.group(1);
            }
        }
        return null;
    }

    private static void readLines(Process process, List<String> sink) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                sink.add(line);
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }
}
