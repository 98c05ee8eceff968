package io.contextstore.stack;

import io.contextstore.platform.db.ServiceRole;
import io.contextstore.stack.cluster.ClusterProcess;
import io.contextstore.stack.cluster.ClusterTopology;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code up --cluster}: the production topology on this machine (ClusterTopology). It starts from scratch
 * every time, in a {@code cluster} directory of its own beside the embedded stack's data, which it never touches.
 */
final class ClusterUp {

    private ClusterUp() {
    }

    /** The topology, not started yet: the caller arranges for its stop first. */
    static ClusterTopology prepare(StackDirectory stackDirectory, int gatewayPort) {
        StackDirectory directory = new StackDirectory(stackDirectory.root().resolve("cluster"));
        int leftovers = ClusterTopology.stopLeftovers(directory);
        if (leftovers > 0) {
            System.out.println("Stopped " + leftovers + " processes an earlier cluster left running (its launcher was killed).");
        }
        directory.wipe();
        System.setProperty("contextstore.log.file", directory.logFile().toString());
        System.out.println("Starting the Context Store cluster (data in " + directory.root() + ", fresh on every start) ...");
        return ClusterTopology.prepare(new ClusterTopology.Options(directory, gatewayPort, Map.of()));
    }

    static void printReady(ClusterTopology cluster, long millis) {
        EmbeddedStack.Demo demo = EmbeddedStack.demoTenant(cluster.directory(), cluster.databaseUrl(),
                cluster.directory().secrets().of(ServiceRole.ADMIN));
        String processes = cluster.services().stream()
                .map(service -> "  %-12s pid %-8d api %-6d management %-6d log %s".formatted(service.name(), service.pid(),
                        service.ports().api(), service.ports().management(), service.log()))
                .collect(Collectors.joining("\n"));
        ClusterProcess gateway = cluster.gateway();
        System.out.printf("""

                Context Store cluster is ready (%d ms).
                  Base URL          %s   (haproxy, pid %d)
                  Demo tenant       %s (user "%s")
                  Demo license key  %s
                  Kafka (3 nodes)   %s
                  PostgreSQL        primary %s, streaming replica %s
                Processes:
                %s

                Press Ctrl-C to stop everything.
                %n""", millis, cluster.baseUrl(), gateway.pid(), demo.tenantId(), demo.userId(), demo.licenseKey(),
                cluster.kafka().bootstrapServers(), cluster.databaseUrl(), cluster.replicaDatabaseUrl(), processes);
    }
}
