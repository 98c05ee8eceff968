package io.contextstore.client.hook;

import java.io.File;
import java.io.IOException;
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

    private BackgroundSync() {
    }

    /** Empty when this process's command line cannot be read (then nothing is started). */
    public static Optional<Process> start(String mainClass, Path log, java.util.Map<String, String> environment) throws IOException {
        ProcessHandle.Info info = ProcessHandle.current().info();
        Optional<String> command = info.command();
        Optional<String[]> arguments = info.arguments();
        if (command.isEmpty() || arguments.isEmpty()) {
            return Optional.empty();
        }
        List<String> line = new ArrayList<>();
        line.add(command.get());
        for (String argument : arguments.get()) {
            if (argument.equals(mainClass)) {
                break;
            }
            line.add(argument);
        }
        line.add(mainClass);
        line.add("sync");
        line.add("--background");
        ProcessBuilder builder = new ProcessBuilder(line)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true);
        builder.environment().putAll(environment);
        return Optional.of(builder.start());
    }
}
