package io.contextstore.bench;

import io.contextstore.embedded.BrokerMain;
import io.contextstore.embedded.FreePorts;
import io.contextstore.stack.StackDirectory;
import io.contextstore.testing.ApiClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What the embedded stack holds in memory as a user runs it: {@code ./contextstore up} in a process of its own (the
 * services' JVM, which starts the broker's JVM and PostgreSQL's processes), idle after start-up and under steady
 * pushes. Each process's proportional set size (PSS): pages shared between processes, such as PostgreSQL's shared
 * buffers, count once over all of them instead of once in each, so the parts add up to what the machine gives. Each
 * push is followed by a pull on another device that waits for it, as section 3 drives the bench's own stack, so the
 * same load also says how fast the stack a user runs (its launcher's heap and settings) shows a push elsewhere.
 */
final class MemoryScenario {

    /** PSS in KiB of each part of the stack at one moment. */
    record Sample(long services, long broker, long postgres, int postgresProcesses) {
        long total() {
            return services + broker + postgres;
        }
    }

    /**
     * One stretch of steady pushes: the largest total sampled each second through it, its events, and the load as
     * devices saw it (each push's time, and the time until another device's pull showed it).
     */
    record Stretch(Sample peak, long events, PushThenPull devices) {
    }

    /** @param stretches one after another; the first meets a stack just started, its heap small and its code not compiled */
    record Result(Sample idle, int rate, List<Stretch> stretches) {
    }

    private static final Duration READY = Duration.ofMinutes(3);

    /** @param count how many stretches of {@code load} run, one after another, each measured on its own */
    Result run(int eventsPerSecond, Duration idleSettle, Duration load, int count) throws Exception {
        Path data = Files.createTempDirectory("contextstore-memory-");
        int port = FreePorts.next();
        Process stack = new ProcessBuilder(Path.of("contextstore").toAbsolutePath().toString(), "up",
                "--data-dir", data.toString(), "--port", Integer.toString(port),
                "--kafka-port", Integer.toString(FreePorts.next()), "--postgres-port", Integer.toString(FreePorts.next()))
                .redirectErrorStream(true).redirectOutput(data.resolve("up.out").toFile()).start();
        try {
            StackDirectory directory = new StackDirectory(data);
            String demoKey = awaitReady(stack, directory, "http://127.0.0.1:" + port);
            TimeUnit.MILLISECONDS.sleep(idleSettle.toMillis()); // a benchmark letting start-up's garbage settle
            Sample idle = sample(stack, directory);
            ApiClient api = new ApiClient("http://127.0.0.1:" + port);
            String token = api.login(demoKey, "memory-bench");
            String reader = api.login(demoKey, "memory-bench-reader");
            SteadyPushes steady = new SteadyPushes(eventsPerSecond);
            List<Stretch> stretches = new ArrayList<>();
            for (int stretch = 0; stretch < count; stretch++) {
                stretches.add(stretch(stack, directory, load, new PushThenPull(api, steady), steady, token, reader));
            }
            return new Result(idle, eventsPerSecond, stretches);
        } finally {
            stack.destroy(); // SIGTERM: the launcher's shutdown hook stops the services, the broker and PostgreSQL
            if (!stack.waitFor(60, TimeUnit.SECONDS)) {
                stack.destroyForcibly().waitFor();
            }
            new StackDirectory(data).wipe(); // about 570 MB after the load: PostgreSQL's and the broker's files
        }
    }

    /** Pushes for {@code load} through {@code devices}, from {@code pusher} to {@code reader}, sampling the stack's memory each second. */
    private static Stretch stretch(Process stack, StackDirectory directory, Duration load, PushThenPull devices,
                                   SteadyPushes steady, String pusher, String reader) throws InterruptedException {
        String run = "memory-" + System.nanoTime();
        List<Sample> samples = new ArrayList<>();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> samples.add(sample(stack, directory)), 1, 1, TimeUnit.SECONDS);
        long requests = steady.run(load, number -> devices.send(pusher, reader, steady.body(run, number)));
        sampler.shutdown();
        sampler.awaitTermination(10, TimeUnit.SECONDS);
        Sample peak = samples.stream().max(Comparator.comparingLong(Sample::total)).orElseGet(() -> sample(stack, directory));
        return new Stretch(peak, requests * steady.batch(), devices);
    }

    /** Waits for the API and for the demo tenant's key, which the first start writes into the data directory. */
    private static String awaitReady(Process stack, StackDirectory directory, String baseUrl) throws Exception {
        long deadline = System.nanoTime() + READY.toNanos();
        ApiClient api = new ApiClient(baseUrl);
        while (System.nanoTime() < deadline) {
            if (!stack.isAlive()) {
                throw new IllegalStateException("./contextstore up exited with " + stack.exitValue()
                        + "; see " + directory.root().resolve("up.out"));
            }
            if (Files.exists(directory.demoKeyFile())) {
                try {
                    if (api.get("/actuator/health", null).status() == 200) {
                        return Files.readString(directory.demoKeyFile()).trim().split("\\s+")[2];
                    }
                } catch (RuntimeException notYet) {
                    // the port is not open yet
                }
            }
            TimeUnit.MILLISECONDS.sleep(200); // a benchmark polling a process it started
        }
        throw new IllegalStateException("./contextstore up not ready after " + READY);
    }

    /**
     * The parts by their processes: the broker is the launcher's child running {@link BrokerMain}; PostgreSQL's
     * postmaster detaches from the launcher (pg_ctl starts it), so it is found by the pid it writes into its data
     * directory, and its backends are its children.
     */
    private static Sample sample(Process stack, StackDirectory directory) {
        long broker = stack.descendants().filter(p -> commandLine(p.pid()).contains(BrokerMain.class.getName()))
                .mapToLong(p -> pss(p.pid())).sum();
        List<ProcessHandle> postgres = postmaster(directory).map(p -> java.util.stream.Stream.concat(
                java.util.stream.Stream.of(p), p.descendants()).toList()).orElse(List.of());
        return new Sample(pss(stack.pid()), broker, postgres.stream().mapToLong(p -> pss(p.pid())).sum(), postgres.size());
    }

    private static Optional<ProcessHandle> postmaster(StackDirectory directory) {
        try {
            return ProcessHandle.of(Long.parseLong(
                    Files.readAllLines(directory.postgres().resolve("postmaster.pid")).get(0).trim()));
        } catch (IOException | RuntimeException notRunning) {
            return Optional.empty();
        }
    }

    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8);
        } catch (IOException gone) {
            return "";
        }
    }

    /** The process's proportional set size in KiB, 0 once it is gone. */
    private static long pss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
                if (line.startsWith("Pss:")) {
                    return Long.parseLong(line.replaceAll("\\D+", ""));
                }
            }
            return 0;
        } catch (IOException gone) {
            return 0;
        }
    }
}
