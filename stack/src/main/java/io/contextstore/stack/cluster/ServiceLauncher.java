package io.contextstore.stack.cluster;

import io.contextstore.embedded.FreePorts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Builds the service processes of the cluster (this JVM's class path, Compose's environment) and waits for them. */
final class ServiceLauncher {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final ComposeEnvironment compose;
    private final Path root;
    private final Map<String, String> extraEnvironment;

    ServiceLauncher(ComposeEnvironment compose, Path root, Map<String, String> extraEnvironment) {
        this.compose = compose;
        this.root = root;
        this.extraEnvironment = extraEnvironment;
    }

    /** A service instance (not started yet) with free ports and, over Compose's, its own extra variables. */
    ClusterProcess service(String name, Deployable deployable, ServiceEnvironment settings, Map<String, String> own) {
        ClusterProcess.Ports ports = new ClusterProcess.Ports(FreePorts.next(), FreePorts.next());
        Map<String, String> environment = new HashMap<>(settings.of(compose, deployable, ports,
                root.resolve("secrets").resolve(name)));
        environment.putAll(extraEnvironment);
        environment.putAll(own);
        return new ClusterProcess(name, javaCommand(deployable), environment, root.resolve("logs").resolve(name + ".log"),
                ports);
    }

    /** A deployable's JVM from this JVM's class path; small heaps and quick starts: many JVMs share this machine. */
    static List<String> javaCommand(Deployable deployable) {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), deployable.application().getName());
    }

    /** Until the service's Actuator readiness group (database and Kafka) answers UP. */
    static void awaitReady(ClusterProcess service) {
        URI readiness = URI.create("http://127.0.0.1:" + service.ports().management() + "/actuator/health/readiness");
        awaitUntil(service, () -> {
            try {
                return HTTP.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException notYet) {
                return false;
            }
        });
    }

    /** Until haproxy takes connections on its port. */
    static void awaitGateway(ClusterProcess gateway) {
        awaitUntil(gateway, () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", gateway.ports().api()), 500);
                return true;
            } catch (IOException notYet) {
                return false;
            }
        });
    }

    private interface Check {
        boolean passes() throws InterruptedException;
    }

    private static void awaitUntil(ClusterProcess process, Check check) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try {
            while (!check.passes()) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(process.name() + " exited while starting; its log: " + process.log()
                            + lastLines(process.log()));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(process.name() + " not ready after " + READY_TIMEOUT + "; its log: "
                            + process.log());
                }
                TimeUnit.MILLISECONDS.sleep(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + process.name(), e);
        }
    }

    private static String lastLines(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return "\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }
}
