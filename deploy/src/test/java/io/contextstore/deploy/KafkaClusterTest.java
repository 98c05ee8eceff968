package io.contextstore.deploy;

import static org.assertj.core.api.Assertions.assertThat;

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
