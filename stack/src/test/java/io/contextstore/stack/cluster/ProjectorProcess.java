package io.contextstore.stack.cluster;

import io.contextstore.embedded.ProcessSignals;
import io.contextstore.projector.ProjectorApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One projector as its own JVM (the production deployable's main class, this test's class path), so a
 * test can freeze it with SIGSTOP and thaw it with SIGCONT, signalled by the process id it started.
 */
final class ProjectorProcess implements AutoCloseable {

    private final String name;
    private final Process process;

    private ProjectorProcess(String name, Process process) {
        this.name = name;
        this.process = process;
    }

    static ProjectorProcess start(String name, Path directory, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                ProjectorApplication.class.getName()));
        command.addAll(arguments);
        Path log = directory.resolve(name + ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            return new ProjectorProcess(name, process);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String name() {
        return name;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Freezes the whole JVM: no heartbeat, no poll, a transaction left open wherever it was. */
    void pause() {
        ProcessSignals.send(process.pid(), "STOP");
    }

    void resume() {
        ProcessSignals.send(process.pid(), "CONT");
    }


    /** SIGCONT first: a stopped JVM does not act on SIGTERM until it runs again. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        resume();
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
