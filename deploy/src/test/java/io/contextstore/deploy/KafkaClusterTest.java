package io.contextstore.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.embedded.KafkaSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import kafka.server.KafkaConfig;
import org.junit.jupiter.api.Test;

/**
 * The brokers of docker-compose.yml, configured as the apache/kafka image configures them from its
 * environment ({@code KAFKA_FOO_BAR} → {@code foo.bar}; {@code __} → {@code _}; {@code ___} → {@code -}),
 * validated by Kafka's own broker configuration class, which refuses what a broker would refuse to start with.
 */
class KafkaClusterTest {

    private static final List<String> BROKERS = List.of("kafka-1", "kafka-2", "kafka-3");

    private final ComposeFile compose = ComposeFile.load();

    @Test
    void threeCombinedNodesFormOneQuorumReplicatingThreeTimesWithTwoInSyncAndNoUncleanElection() {
        Set<Object> nodeIds = new TreeSet<>();
        Set<String> clusterIds = new TreeSet<>();
        for (String broker : BROKERS) {
            Map<String, String> environment = compose.environment(broker);
            KafkaConfig config = KafkaConfig.fromProps(brokerProperties(environment), false);
            Map<String, ?> values = config.values();
            nodeIds.add(values.get("node.id"));
            clusterIds.add(environment.get("CLUSTER_ID"));
            assertThat(values.get("process.roles")).asString().contains("broker").contains("controller");
            assertThat(values.get("controller.quorum.voters")).asList().hasSize(3);
            assertThat(values.get("default.replication.factor")).isEqualTo(3);
            assertThat(values.get("min.insync.replicas")).isEqualTo(2);
            assertThat(values.get("unclean.leader.election.enable")).isEqualTo(false);
            assertThat(values.get("auto.create.topics.enable")).isEqualTo(false);
            assertThat(values.get("offsets.topic.replication.factor")).isEqualTo((short) 3);
            assertThat(values.get("advertised.listeners")).asString().contains(broker + ":9092");
        }
        assertThat(nodeIds).hasSize(3);
        assertThat(clusterIds).hasSize(1);
    }

    @Test
    void everyBrokerVariableIsABrokerSetting() {
        Set<String> known = KafkaConfig.configDef().names();
        for (String broker : BROKERS) {
            assertThat(known).containsAll(brokerProperties(compose.environment(broker)).stringPropertyNames());
        }
    }

    /**
     * Compose's brokers and the embedded cluster (one home, {@link KafkaSettings}, which also configures the
     * single embedded broker) run with the same settings: every setting Compose gives kafka-1 has the same value
     * for node 1 of an embedded cluster of three, host names aside (containers by name, the embedded on loopback).
     */
    @Test
    void theEmbeddedClusterOfThreeRunsWithEveryBrokerSettingOfCompose() {
        List<KafkaSettings.Node> nodes = List.of(new KafkaSettings.Node(1, 9092, 9093),
                new KafkaSettings.Node(2, 9092, 9093), new KafkaSettings.Node(3, 9092, 9093));
        Properties composed = brokerProperties(compose.environment("kafka-1"));
        Map<String, String> embedded = KafkaSettings.of(nodes.get(0), nodes,
                Path.of(composed.getProperty("log.dirs")));

        for (String name : composed.stringPropertyNames()) {
            assertThat(withoutHosts(embedded.get(name))).as(name).isEqualTo(withoutHosts(composed.getProperty(name)));
        }
        assertThat(new TreeSet<>(embedded.keySet())).as("set by the embedded nodes only")
                .containsAll(composed.stringPropertyNames())
                .hasSize(composed.size() + EMBEDDED_ONLY.size())
                .containsAll(EMBEDDED_ONLY);
    }

    /**
     * Settings the embedded nodes set and Compose leaves to Kafka's defaults: retention, which Compose's services
     * set per topic ({@code TopicDefinitions}) and the embedded broker also keeps for topics made by hand; fewer
     * internal partitions and no first-rebalance delay, for a quick start on a developer's machine; the share
     * coordinator's replication, which Kafka's defaults already give a cluster of three; a log cleaner's key map
     * sized for a developer's machine, not for a production broker's memory.
     */
    private static final Set<String> EMBEDDED_ONLY = Set.of("log.retention.ms", "offsets.topic.num.partitions",
            "transaction.state.log.num.partitions", "group.initial.rebalance.delay.ms",
            "share.coordinator.state.topic.replication.factor", "share.coordinator.state.topic.min.isr",
            "log.cleaner.dedupe.buffer.size");

    private static String withoutHosts(String value) {
        return value == null ? null : value.replaceAll("(//|@)[^:,/]*:", "$1:");
    }

    static Properties brokerProperties(Map<String, String> environment) {
        Properties properties = new Properties();
        environment.forEach((variable, value) -> {
            if (variable.startsWith("KAFKA_")) {
                String name = variable.substring("KAFKA_".length()).toLowerCase()
                        .replace("___", "-").replace("__", "\u0000").replace('_', '.').replace('\u0000', '_');
                properties.setProperty(name, value);
            }
        });
        return properties;
    }
}
