package io.contextstore.stack.cluster;

import io.contextstore.embedded.ProcessSignals;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One process of the cluster (a service JVM or the load balancer) that a fault campaign drives by its id:
 * SIGKILL, SIGSTOP and SIGCONT, a graceful SIGTERM, and a restart with the same command, environment and
 * ports. Only the environment given is passed on (with PATH), as a container gets only its own.
 */
public final class ClusterProcess implements AutoCloseable {

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path log;
    private final Ports ports;
    private Process process;
    private boolean closed;
    private LeftoverProcesses leftovers;

    /** Where the process listens: its API (or front) port, and its management port (0 if none). */
    public record Ports(int api, int management) {
    }

    ClusterProcess(String name, List<String> command, Map<String, String> environment, Path log, Ports ports) {
        this.name = name;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.log = log;
        this.ports = ports;
    }

    public String name() {
        return name;
    }

    public Ports ports() {
        return ports;
    }

    public Path log() {
        return log;
    }

    /** Starts the process if it does not run; output is appended to its log. */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException(name + " was closed: the cluster is stopping");
        }
        if (isAlive()) {
            return;
        }
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().clear();
            builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
            builder.environment().putAll(environment);
            process = builder.start();
            if (leftovers != null) {
                leftovers.record(process.toHandle());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(name + " did not start", e);
        }
    }

    /** From now on every start is written down, so a later launcher can stop what a killed one left running. */
    synchronized void recordIn(LeftoverProcesses list) {
        this.leftovers = list;
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    public synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException(name + " was never started");
        }
        return process.pid();
    }

    /** SIGKILL: no shutdown hook, no graceful close; waits until the process is gone. */
    public synchronized void kill() {
        if (isAlive()) {
            process.destroyForcibly();
            awaitExit(10);
        }
    }

    /** SIGSTOP: the whole process freezes (no heartbeat, no request served, connections left open). */
    public void pause() {
        ProcessSignals.send(pid(), "STOP");
    }

    /** SIGCONT. */
    public void resume() {
        ProcessSignals.send(pid(), "CONT");
    }

    /** SIGTERM and wait (SIGCONT first: a stopped process does not act on SIGTERM until it runs again). */
    public synchronized void stop() {
        if (!isAlive()) {
            return;
        }
        resume();
        process.destroy();
        if (!awaitExit(30)) {
            process.destroyForcibly();
            awaitExit(10);
        }
    }

    /** Stops (gracefully) and starts again with the same command, environment and ports. */
    public synchronized void restart() {
        stop();
        start();
    }

    private boolean awaitExit(int seconds) {
        try {
            return process.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops the process for good: a later {@link #start()} (a start racing a Ctrl-C) is refused. */
    @Override
    public synchronized void close() {
        closed = true;
        stop();
    }

    @Override
    public String toString() {
        return name + (isAlive() ? " (pid " + process.pid() + ")" : " (not running)");
    }
}
