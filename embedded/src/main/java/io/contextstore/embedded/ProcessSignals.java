package io.contextstore.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

/**
 * POSIX signals to a process this JVM started, by its id: Java itself sends only SIGTERM and SIGKILL, and a
 * fault test also freezes processes (SIGSTOP) and thaws them (SIGCONT).
 */
public final class ProcessSignals {

    private ProcessSignals() {
    }

    /** @param signal a name {@code kill} knows: STOP, CONT, KILL, TERM */
    public static void send(long pid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
