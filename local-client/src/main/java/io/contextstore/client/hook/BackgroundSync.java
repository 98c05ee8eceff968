package io.contextstore.client.hook;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starts {@code ctx sync --background} as a detached process and returns without waiting for it:
 * the hook never waits on the network. The child runs with the same JVM options as this process
 * (class data sharing, native library path), its output appended to the sync log.
 */
public final class BackgroundSync {

    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private BackgroundSync() {
    }

    public static Process start(String mainClass, Path log, java.util.Map<String, String> environment) throws IOException {
        return start(mainClass, log, environment, List.of("sync", "--background"));
    }

    /**
     * {@code ctx args} detached: input from /dev/null, output appended to {@code log}, in a session of its own when
     * {@code setsid} is there (an editor that ends the hook's process group does not end it).
     */
    public static Process start(String mainClass, Path log, java.util.Map<String, String> environment, List<String> args)
            throws IOException {
        List<String> line = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            line.add(SETSID.toString());
        }
        line.addAll(jvm(mainClass));
        line.add(mainClass);
        line.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(line)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true);
        builder.environment().putAll(environment);
        return builder.start();
    }

    /**
     * This JVM's own command line up to the main class when the OS shows it (it may not, for a very long
     * class path); otherwise the same java, class path and SQLite library settings.
     */
    private static List<String> jvm(String mainClass) {
        ProcessHandle.Info info = ProcessHandle.current().info();
        List<String> line = new ArrayList<>();
        Optional<String[]> arguments = info.arguments();
        if (info.command().isPresent() && arguments.isPresent() && List.of(arguments.get()).contains(mainClass)) {
            line.add(info.command().get());
            for (String argument : arguments.get()) {
                if (argument.equals(mainClass)) {
                    return line;
                }
                line.add(argument);
            }
        }
        line.clear();
        line.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String property : List.of("org.sqlite.lib.path", "org.sqlite.lib.name")) {
            if (System.getProperty(property) != null) {
                line.add("-D" + property + "=" + System.getProperty(property));
            }
        }
        line.add("-cp");
        line.add(System.getProperty("java.class.path"));
        return line;
    }
}
