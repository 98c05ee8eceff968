package io.contextstore.embedded;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The one home of the brokers' settings, for a node of a KRaft cluster of any size: the embedded
 * single node is the cluster of one. Replication follows the size, up to the production topology's
 * (docker-compose.yml: three combined nodes, replication factor 3, two in sync, no unclean election);
 * deploy's tests hold Compose's broker variables to what this class gives a cluster of three.
 */
public final class KafkaSettings {

    /** Where a node listens: clients on {@code port}, the controller quorum on {@code controllerPort}. */
    public record Node(int id, int port, int controllerPort) {

        public String bootstrapServer() {
            return "127.0.0.1:" + port;
        }
    }

    private KafkaSettings() {
    }

    /** Three copies of every record once there are three nodes; fewer nodes hold what they can. */
    public static int replicationFactor(int nodes) {
        return Math.min(3, nodes);
    }

    /**
     * One copy may be missing while writes go on (a broker restarting), never more: with three copies
     * an acknowledged record is on two nodes, so the loss of any one node loses nothing.
     */
    public static int minInsyncReplicas(int nodes) {
        return Math.max(1, replicationFactor(nodes) - 1);
    }

    /** The broker configuration of {@code self} in the cluster of {@code nodes}, all on loopback. */
    public static Map<String, String> of(Node self, List<Node> nodes, Path logDirectory) {
        String replicas = Integer.toString(replicationFactor(nodes.size()));
        String inSync = Integer.toString(minInsyncReplicas(nodes.size()));
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("process.roles", "broker,controller");
        settings.put("node.id", Integer.toString(self.id()));
        settings.put("controller.quorum.voters", nodes.stream()
                .map(node -> node.id() + "@127.0.0.1:" + node.controllerPort()).collect(Collectors.joining(",")));
        settings.put("listeners", "PLAINTEXT://127.0.0.1:" + self.port() + ",CONTROLLER://127.0.0.1:" + self.controllerPort());
        settings.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + self.port());
        settings.put("controller.listener.names", "CONTROLLER");
        settings.put("inter.broker.listener.name", "PLAINTEXT");
        settings.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        settings.put("log.dirs", logDirectory.toString());
        settings.put("auto.create.topics.enable", "false");
        settings.put("unclean.leader.election.enable", "false");
        settings.put("default.replication.factor", replicas);
        settings.put("min.insync.replicas", inSync);
        settings.put("log.retention.ms", "-1");
        settings.put("offsets.topic.replication.factor", replicas);
        // four partitions instead of fifty: internal topics are created at the first group or transaction,
        // and fewer partitions make that (and every start) quicker on a developer's machine
        settings.put("offsets.topic.num.partitions", "4");
        settings.put("transaction.state.log.replication.factor", replicas);
        settings.put("transaction.state.log.min.isr", inSync);
        settings.put("transaction.state.log.num.partitions", "4");
        settings.put("share.coordinator.state.topic.replication.factor", replicas);
        settings.put("share.coordinator.state.topic.min.isr", inSync);
        settings.put("group.initial.rebalance.delay.ms", "0");
        // the log cleaner's key map, allocated on the heap at start whether or not a topic is ever compacted: Kafka's
        // 128 MB were half of a laptop node's resident size; 16 MB still map about 600,000 distinct keys per pass
        // (24 bytes a key), while the compacted topics here (consumer offsets, transaction state) hold a few hundred
        settings.put("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
        return settings;
    }
}
