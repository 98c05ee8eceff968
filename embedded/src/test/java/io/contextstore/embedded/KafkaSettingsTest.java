package io.contextstore.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaSettingsTest {

    private static final Path LOGS = Path.of("/data/kafka-logs");

    @Test
    void theSingleEmbeddedNodeIsAClusterOfOneThatKeepsOneCopy() {
        KafkaSettings.Node alone = new KafkaSettings.Node(1, 9092, 9093);

        Map<String, String> settings = KafkaSettings.of(alone, List.of(alone), LOGS);

        assertThat(settings).containsEntry("controller.quorum.voters", "1@127.0.0.1:9093")
                .containsEntry("default.replication.factor", "1")
                .containsEntry("min.insync.replicas", "1")
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("unclean.leader.election.enable", "false")
                .containsEntry("log.dirs", LOGS.toString());
    }

    @Test
    void everyNodeOfAClusterOfThreeVotesAndKeepsThreeCopiesWithTwoInSync() {
        List<KafkaSettings.Node> nodes = List.of(new KafkaSettings.Node(1, 10001, 10002),
                new KafkaSettings.Node(2, 10003, 10004), new KafkaSettings.Node(3, 10005, 10006));

        Map<String, String> second = KafkaSettings.of(nodes.get(1), nodes, LOGS);

        assertThat(second).containsEntry("node.id", "2")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:10002,2@127.0.0.1:10004,3@127.0.0.1:10006")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:10003,CONTROLLER://127.0.0.1:10004")
                .containsEntry("default.replication.factor", "3")
                .containsEntry("min.insync.replicas", "2")
                .containsEntry("offsets.topic.replication.factor", "3")
                .containsEntry("transaction.state.log.replication.factor", "3")
                .containsEntry("transaction.state.log.min.isr", "2")
                .containsEntry("unclean.leader.election.enable", "false");
    }
}
