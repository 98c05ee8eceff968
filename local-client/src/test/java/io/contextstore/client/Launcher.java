package io.contextstore.client;

import static org.awaitility.Awaitility.await;

import io.contextstore.client.daemon.DaemonFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The repository's {@code ./ctx} launcher (bash) over this module's packaged jar, laid out as build-launcher.sh lays it
 * out (a copy of the module jar, so a test may "rebuild" it), without the class data archive; with its hook daemon or
 * with {@code CTX_DAEMON=off}.
 */
public record Launcher(Path home, Path directory, boolean daemon) {

    static final Path SCRIPT = Path.of("..", "ctx").toAbsolutePath().normalize();

    /** The module jar and target/runtime-classpath.txt, as local-client/build-launcher.sh lists them. */
    static String classpath(Path jar) throws IOException {
        return jar + ":" + Files.readString(Path.of("target", "runtime-classpath.txt")).strip();
    }

    static Path moduleJar() throws IOException {
        Path target = Path.of("target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(file -> file.getFileName().toString().matches("local-client-.*\\.jar"))
                    .filter(file -> !file.getFileName().toString().matches(".*-(sources|tests)\\.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no module jar in " + target.toAbsolutePath()))
                    .toAbsolutePath();
        }
    }

    /** Lays the launcher out in {@code directory} once: a second copy of the jar would be a rebuild to the daemon. */
    public static Launcher in(Path home, Path directory, boolean daemon) throws IOException {
        Launcher launcher = new Launcher(home, directory, daemon);
        if (!Files.exists(directory.resolve("classpath"))) {
            Files.createDirectories(directory.resolve("lib"));
            Files.copy(moduleJar(), launcher.jar(), StandardCopyOption.COPY_ATTRIBUTES);
            Files.writeString(directory.resolve("classpath"), classpath(launcher.jar()) + "\n");
        }
        return launcher;
    }

    public Path jar() throws IOException {
        return directory.resolve("lib").resolve(moduleJar().getFileName());
    }

    public ProcessBuilder process(String... args) {
        ProcessBuilder builder = new ProcessBuilder(Stream.concat(Stream.of(SCRIPT.toString()), Stream.of(args)).toList());
        builder.environment().put("CTX_HOME", home.toString());
        builder.environment().put("CTX_LAUNCHER_DIR", directory.toString());
        builder.environment().put("CTX_DAEMON", daemon ? "on" : "off");
        builder.environment().remove("CTX_DAEMON_START");
        return builder;
    }

    public Ctx.Run run(String stdin, String... args) throws IOException, InterruptedException {
        return Ctx.complete(process(args), stdin);
    }

    /** The daemon that answers now, once its file names a port where it answers with the token. */
    public Optional<DaemonFile> answering() {
        return DaemonFile.read(home).filter(file -> file.ask("status").isPresent());
    }

    /** How many hooks the running daemon has answered. */
    public long served() {
        String status = answering().flatMap(file -> file.ask("status")).orElseThrow(() -> new AssertionError("no daemon answers"));
        return Long.parseLong(status.split(" ")[2]);
    }

    public DaemonFile awaitDaemon() {
        return await().atMost(Duration.ofSeconds(60)).until(this::answering, Optional::isPresent).orElseThrow();
    }

    /** Starts the daemon as a hook does, and waits until it answers. */
    public DaemonFile startDaemon() throws IOException {
        process("daemon", "run").redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("daemon.log").toFile()))
                .redirectErrorStream(true).start();
        return awaitDaemon();
    }

    /** Stops this home's daemon if one runs, and waits until its process is gone (so the home can be deleted). */
    public void stopDaemon() {
        DaemonFile.read(home).ifPresent(file -> {
            file.ask("stop");
            ProcessHandle.of(file.pid()).ifPresent(process ->
                    await().atMost(Duration.ofSeconds(60)).until(() -> !process.isAlive()));
        });
    }
}
