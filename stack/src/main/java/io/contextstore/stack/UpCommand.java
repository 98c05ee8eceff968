package io.contextstore.stack;

import io.contextstore.stack.cluster.ClusterTopology;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Starts the embedded stack and keeps it running until Ctrl-C. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start Kafka (KRaft), PostgreSQL and the services on this machine; Ctrl-C stops everything.")
final class UpCommand implements Callable<Integer> {

    @Option(names = "--data-dir", description = "Where all data lives (default: $CONTEXTSTORE_DATA or ~/.contextstore-stack).")
    Path dataDirectory;

    @Option(names = "--fresh", description = "Delete the data directory first and start from scratch.")
    boolean fresh;

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port of the API (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--kafka-port", defaultValue = "29092", description = "Kafka listener port (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--postgres-port", defaultValue = "25432", description = "PostgreSQL port (default: ${DEFAULT-VALUE}).")
    int postgresPort;

    @Option(names = "--partitions", defaultValue = "12",
            description = "Partitions of context.events when it is created (fixed afterwards; default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--cluster", description = "Run the production topology instead, as separate processes: 3 Kafka nodes, "
            + "a PostgreSQL primary and replica, 2 of each service, haproxy in front on --port (fresh on every start).")
    boolean cluster;

    @Override
    public Integer call() throws InterruptedException {
        long started = System.nanoTime();
        StackDirectory directory = StackDirectory.atOrDefault(dataDirectory);
        if (cluster) {
            return runCluster(directory, started);
        }
        if (fresh) {
            directory.wipe();
        }
        System.setProperty("contextstore.log.file", directory.logFile().toString());
        System.out.println("Starting Context Store (data in " + directory.root() + ") ...");
        EmbeddedStack stack = EmbeddedStack.start(new EmbeddedStack.Options(directory, false, port, kafkaPort,
                postgresPort, partitions, Map.of()));
        CountDownLatch stopped = stopOnShutdown(stack, "Context Store");
        printReady(stack, (System.nanoTime() - started) / 1_000_000);
        stopped.await();
        return 0;
    }

    /** The cluster's parts are separate processes: the hook is in place before the first starts, so Ctrl-C stops them all. */
    private Integer runCluster(StackDirectory directory, long started) throws InterruptedException {
        ClusterTopology topology = ClusterUp.prepare(directory, port);
        CountDownLatch stopped = stopOnShutdown(topology, "the Context Store cluster");
        topology.start();
        ClusterUp.printReady(topology, (System.nanoTime() - started) / 1_000_000);
        stopped.await();
        return 0;
    }

    /** On Ctrl-C or SIGTERM, closes what was started; the latch opens once it is stopped. */
    private static CountDownLatch stopOnShutdown(AutoCloseable started, String what) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping " + what + " ...");
            try {
                started.close();
                System.out.println("Stopped.");
            } catch (Exception e) {
                System.out.println("Stopping failed: " + e.getMessage());
            } finally {
                stopped.countDown();
            }
        }, "contextstore-stop"));
        return stopped;
    }

    private static void printReady(EmbeddedStack stack, long millis) {
        String url = stack.baseUrl();
        System.out.printf("""

                Context Store is ready (%d ms).
                  Base URL          %s
                  Demo tenant       %s (user "%s")
                  Demo license key  %s
                  Kafka             %s
                  PostgreSQL        %s
                  Data directory    %s   (start from scratch with --fresh)
                  Log               %s

                Log in:
                  curl -s -X POST %s/api/v1/auth/license/ -H 'Content-Type: application/json' \\
                       -d '{"license_key": "%s", "device_id": "laptop"}'

                Press Ctrl-C to stop.
                %n""", millis, url, stack.demo().tenantId(), stack.demo().userId(), stack.demo().licenseKey(),
                stack.kafkaBootstrapServers(), stack.databaseUrl(), stack.directory().root(),
                stack.directory().logFile(), url, stack.demo().licenseKey());
    }
}
