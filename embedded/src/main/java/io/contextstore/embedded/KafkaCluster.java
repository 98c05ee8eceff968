package io.contextstore.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A KRaft cluster of N combined nodes (broker and controller), one JVM each, on loopback: the
 * production topology's Kafka (docker-compose.yml) run from the same jars and {@link KafkaSettings}
 * as the embedded broker, so a test can kill, stop and restart single nodes under load.
 */
public final class KafkaCluster implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaCluster.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    /** The group ids nodes run under when each has its own: above the ids a Debian system hands out. */
    public static final int GROUP_IDS = 61_000;

    private final List<KafkaBroker> nodes;

    KafkaCluster(List<KafkaBroker> nodes) {
        this.nodes = List.copyOf(nodes);
    }

    /** Formats (on first use) and starts {@code size} nodes under {@code directory}, and waits until all serve. */
    public static KafkaCluster start(Path directory, int size) {
        return start(directory, size, false);
    }

    /**
     * @param groupPerNode each node's JVM runs under a group id of its own ({@link #GROUP_IDS} + node id; needs root and
     *                     {@code setpriv}), so that a fault campaign can drop one node's packets with iptables' owner match
     */
    public static KafkaCluster start(Path directory, int size, boolean groupPerNode) {
        List<KafkaSettings.Node> addresses = new ArrayList<>();
        for (int id = 1; id <= size; id++) {
            addresses.add(new KafkaSettings.Node(id, FreePorts.next(), FreePorts.next()));
        }
        String clusterId = Uuid.randomUuid().toString();
        List<KafkaBroker> nodes = addresses.stream()
                .map(node -> new KafkaBroker(directory.resolve("node-" + node.id()), node, addresses, clusterId,
                        groupPerNode ? OptionalInt.of(GROUP_IDS + node.id()) : OptionalInt.empty()))
                .toList();
        KafkaCluster cluster = new KafkaCluster(nodes);
        long started = System.nanoTime();
        try {
            cluster.eachAtOnce(KafkaBroker::launch); // a quorum forms only once a majority runs: launch all, then wait
            nodes.forEach(KafkaBroker::awaitReady);
            cluster.awaitBrokers(size);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        log.info("Kafka cluster of {} nodes ready on {} in {} ms (data {})", size, cluster.bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), directory);
        return cluster;
    }

    /** Every node's address: clients find the others from any one that runs. */
    public String bootstrapServers() {
        return nodes.stream().map(KafkaBroker::bootstrapServers).collect(Collectors.joining(","));
    }

    public int size() {
        return nodes.size();
    }

    /** The node with this id (1 to {@link #size()}): kill, stop and start it through its own handle. */
    public KafkaBroker node(int id) {
        return nodes.get(id - 1);
    }

    /** The partitions of a topic as the cluster's metadata says now: leader, replicas, in-sync replicas. */
    public List<TopicPartitionInfo> partitions(String topic) {
        try (Admin admin = admin()) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic).partitions();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing " + topic, e);
        }
    }

    /** The node that leads one partition of a topic now. */
    public KafkaBroker leaderOf(String topic, int partition) {
        TopicPartitionInfo info = partitions(topic).get(partition);
        if (info.leader() == null || info.leader().isEmpty()) {
            throw new IllegalStateException(topic + "-" + partition + " has no leader");
        }
        return node(info.leader().id());
    }

    /** Until every node is a registered broker again, seen from the cluster's own metadata. */
    public void awaitBrokers(int count) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (Admin admin = admin()) {
            while (true) {
                try {
                    if (admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).size() >= count) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException notYet) {
                    // a node still starting, or the quorum electing: asked again below
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("fewer than " + count + " Kafka brokers after " + READY_TIMEOUT);
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Kafka cluster", e);
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000));
    }

    /**
     * Stops every node that still runs (SIGTERM, as {@link KafkaBroker#stop()}), all at once: one after the
     * other, the last nodes would wait for a controller quorum that the first ones took away.
     */
    @Override
    public void close() {
        eachAtOnce(KafkaBroker::close);
    }

    /** Runs the action on every node at once, one thread each (formatting and JVM starts overlap), until all are done. */
    private void eachAtOnce(Consumer<KafkaBroker> action) {
        ExecutorService threads = Executors.newFixedThreadPool(nodes.size());
        try {
            CompletableFuture.allOf(nodes.stream().map(node -> CompletableFuture.runAsync(() -> action.accept(node), threads))
                    .toArray(CompletableFuture[]::new)).join();
        } finally {
            threads.shutdown();
        }
    }
}
