package io.contextstore.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.client.cli.Main;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's class path (the module jar and target/runtime-classpath.txt, as local-client/build-launcher.sh
 * writes it), not the test class path: a class the client loads but the list leaves out (Avro's SpecificRecord,
 * once the kinds came from the contract's EventKind) fails here rather than in the launcher's training run.
 */
class LauncherClasspathIT {

    @TempDir
    Path home;

    private static String launcherClasspath() throws IOException {
        Path target = Path.of("target");
        try (Stream<Path> files = Files.list(target)) {
            Path jar = files.filter(file -> file.getFileName().toString().matches("local-client-.*\\.jar"))
                    .filter(file -> !file.getFileName().toString().matches(".*-(sources|tests)\\.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no module jar in " + target.toAbsolutePath()));
            return jar + ":" + Files.readString(target.resolve("runtime-classpath.txt")).strip();
        }
    }

    private record Exit(int code, String stdout, String stderr) {
    }

    private Exit ctx(String stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", launcherClasspath(), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("CTX_HOME", home.toString());
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Exit(process.exitValue(), stdout, stderr);
    }

    @Test
    void theHookAndTheEverydayCommandsRunOnTheLaunchersClassPath() throws Exception {
        Exit tasks = ctx(HookIT.recorded(), "hook");
        assertThat(tasks.stderr()).isEmpty();
        assertThat(tasks.code()).isZero();

        Exit push = ctx("", "push", "decision", "--title", "Launcher class path", "--decision", "derived from Maven",
                "--project", "contextstore");
        assertThat(push.stderr()).isEmpty();
        assertThat(push.code()).isZero();

        Exit prompt = ctx("{\"session_id\": \"s\", \"hook_event_name\": \"UserPromptSubmit\", \"cwd\": \"/tmp/contextstore\","
                + " \"prompt\": \"what about the launcher class path?\"}", "hook", "--project", "contextstore");
        assertThat(prompt.stderr()).isEmpty();
        assertThat(prompt.code()).isZero();
        assertThat(prompt.stdout()).contains("Launcher class path");

        Exit search = ctx("", "search", "launcher");
        assertThat(search.stderr()).isEmpty();
        assertThat(search.code()).isZero();
        assertThat(search.stdout()).contains("Launcher class path");
    }
}
