package io.contextstore.stack.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The processes a cluster started, written down as they start (pid and start time), so the next start can stop
 * those a launcher killed with SIGKILL left behind: the service JVMs and haproxy do not watch their parent (the Kafka
 * nodes do). A process counts as ours only if its pid and its start time both match, so a pid the system has given
 * to someone else's process since is never touched.
 */
final class LeftoverProcesses {

    private final Path file;

    LeftoverProcesses(Path file) {
        this.file = file;
    }

    void record(ProcessHandle process) {
        Optional<Instant> started = process.info().startInstant();
        if (started.isEmpty()) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, process.pid() + " " + started.get() + "\n", StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops (SIGTERM, then SIGKILL after 20 s) every recorded process still running; returns how many there were. */
    int stopAll() {
        if (!Files.exists(file)) {
            return 0;
        }
        List<ProcessHandle> leftovers;
        try {
            leftovers = Files.readAllLines(file).stream().map(line -> line.split(" "))
                    .filter(fields -> fields.length == 2)
                    .flatMap(fields -> ProcessHandle.of(Long.parseLong(fields[0]))
                            .filter(process -> process.info().startInstant().map(Instant::toString)
                                    .filter(fields[1]::equals).isPresent())
                            .stream())
                    .toList();
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        leftovers.forEach(ProcessHandle::destroy);
        for (ProcessHandle process : leftovers) {
            try {
                process.onExit().get(20, TimeUnit.SECONDS);
            } catch (Exception stillRunning) {
                process.destroyForcibly();
            }
        }
        return leftovers.size();
    }
}
