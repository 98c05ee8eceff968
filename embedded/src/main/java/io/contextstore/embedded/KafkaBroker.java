package io.contextstore.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real KRaft Kafka node (broker and controller) in its own JVM, built from the jars on this
 * process's class path: alone, the embedded broker; or one node of a {@link KafkaCluster}. Its log
 * directory persists, so stopping and starting it again keeps every record.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    /**
     * A node's heap: Kafka keeps records in the page cache, not on the heap, and a laptop's node holds a few dozen
     * partitions, so 256 MB is ample (Kafka's own script gives 1 GB, sized for production brokers); a small initial
     * heap and a collection after 10 s without one give what an idle node does not use back to the machine
     * (bench/profiling.md, "Memory").
     */
    static final List<String> JVM_OPTIONS = List.of("-Xms32m", "-Xmx256m", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20",
            "-XX:G1PeriodicGCInterval=10000");

    private final Path directory;
    private final KafkaSettings.Node node;
    private final List<KafkaSettings.Node> cluster;
    private final String clusterId;
    private final OptionalInt groupId;
    private Process process;
    private long launchedAt;

    /**
     * @param clusterId what formats the storage on first start; every node of one cluster shares it
     * @param groupId   a group id the node's JVM runs under (root only), so a firewall rule can match its packets alone
     */
    KafkaBroker(Path directory, KafkaSettings.Node node, List<KafkaSettings.Node> cluster, String clusterId,
                OptionalInt groupId) {
        this.directory = directory;
        this.node = node;
        this.cluster = List.copyOf(cluster);
        this.clusterId = clusterId;
        this.groupId = groupId;
    }

    /** Formats the storage on first use, starts the broker (a cluster of one) and waits until it serves requests. */
    public static KafkaBroker start(Path directory, int port) {
        KafkaSettings.Node alone = new KafkaSettings.Node(1, port == 0 ? FreePorts.next() : port, FreePorts.next());
        KafkaBroker broker = new KafkaBroker(directory, alone, List.of(alone), Uuid.randomUuid().toString(), OptionalInt.empty());
        broker.start();
        return broker;
    }

    public int nodeId() {
        return node.id();
    }

    public String bootstrapServers() {
        return node.bootstrapServer();
    }

    public Path directory() {
        return directory;
    }

    /** The group id the node's JVM runs under, if it has one of its own (see {@link KafkaCluster#start(Path, int, boolean)}). */
    public OptionalInt groupId() {
        return groupId;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        launch();
        awaitReady();
    }

    /**
     * Starts the process without waiting: a node of a cluster serves nobody until a majority of the
     * controller quorum runs, so a cluster launches every node before it waits for any.
     */
    synchronized void launch() {
        if (isRunning()) {
            return;
        }
        try {
            Files.createDirectories(directory);
            Path config = writeConfig();
            if (!Files.exists(logDirectory().resolve("meta.properties"))) {
                format(config);
            }
            launchedAt = System.nanoTime();
            process = java(groupId.stream().mapToObj(gid -> List.of("setpriv", "--regid=" + gid, "--clear-groups", "--"))
                    .findFirst().orElse(List.of()), List.of(BrokerMain.class.getName(), Long.toString(ProcessHandle.current().pid()),
                    config.toString()), directory.resolve("broker.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The node's JVM, while it runs. */
    public synchronized long pid() {
        if (!isRunning()) {
            throw new IllegalStateException("Kafka node " + node.id() + " is not running");
        }
        return process.pid();
    }

    /** SIGSTOP: the node freezes (no heartbeats, no fetches) without closing a connection. */
    public void pause() {
        ProcessSignals.send(pid(), "STOP");
    }

    /** SIGCONT: a frozen node runs on. */
    public void resume() {
        ProcessSignals.send(pid(), "CONT");
    }

    /** A clean shutdown (SIGTERM): the broker flushes and closes its logs. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        awaitExit(Duration.ofSeconds(30));
    }

    /** SIGKILL: the broker gets no chance to clean up, as after a power cut of its process. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(10));
    }

    @Override
    public void close() {
        stop();
    }

    private void awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private Path logDirectory() {
        return directory.resolve("kafka-logs");
    }

    private Path writeConfig() throws IOException {
        StringBuilder text = new StringBuilder("# written by Context Store's embedded broker at every start\n");
        KafkaSettings.of(node, cluster, logDirectory())
                .forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        Path config = directory.resolve("server.properties");
        Files.writeString(config, text);
        return config;
    }

    private void format(Path config) throws IOException {
        Process formatter = java(List.of(), List.of("kafka.tools.StorageTool", "format", "-t", clusterId,
                "-c", config.toString()), directory.resolve("format.log"));
        try {
            if (!formatter.waitFor(60, TimeUnit.SECONDS) || formatter.exitValue() != 0) {
                throw new IllegalStateException("formatting Kafka storage failed; see " + directory.resolve("format.log"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while formatting Kafka storage", e);
        }
    }

    private static Process java(List<String> launcher, List<String> mainAndArgs, Path logFile) throws IOException {
        List<String> command = new ArrayList<>(launcher);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.addAll(List.of("-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path")));
        command.addAll(mainAndArgs);
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
    }

    synchronized void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        awaitListening(deadline);
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
        try (Admin admin = Admin.create(config)) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Kafka broker exited with " + process.exitValue()
                            + "; see " + directory.resolve("broker.log"));
                }
                try {
                    if (!admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty()) {
                        log.info("Kafka broker ready on {} in {} ms (pid {}, data {})", bootstrapServers(),
                                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - launchedAt), process.pid(), directory);
                        return;
                    }
                } catch (Exception notYet) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Kafka broker not ready after " + READY_TIMEOUT, notYet);
                    }
                }
                waitBriefly();
            }
        }
    }

    /**
     * Until the broker's port takes connections: an admin client started earlier logs a warning for every
     * refused attempt (nine on each start of the embedded stack), which tells a person nothing.
     */
    private void awaitListening(long deadline) {
        while (true) {
            try (java.net.Socket socket = new java.net.Socket()) {
                socket.connect(new java.net.InetSocketAddress("127.0.0.1", node.port()), 1000);
                return;
            } catch (IOException refused) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Kafka broker exited with " + process.exitValue()
                            + "; see " + directory.resolve("broker.log"));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Kafka broker not listening after " + READY_TIMEOUT, refused);
                }
            }
            waitBriefly();
        }
    }

    private static void waitBriefly() {
        try {
            TimeUnit.MILLISECONDS.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        }
    }
}
