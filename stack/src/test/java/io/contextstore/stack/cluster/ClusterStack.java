package io.contextstore.stack.cluster;

import io.contextstore.embedded.KafkaCluster;
import io.contextstore.events.topic.Topics;
import io.contextstore.platform.crypto.CryptoRandom;
import io.contextstore.platform.crypto.MasterKeyRing;
import io.contextstore.platform.db.ServiceRole;
import io.contextstore.platform.kafka.TopicDefinitions;
import io.contextstore.platform.kafka.TopicsProperties;
import io.contextstore.stack.ContextStoreServices;
import io.contextstore.stack.RunningServices;
import io.contextstore.stack.ServicesSettings;
import io.contextstore.stack.audit.AuditRuns;
import io.contextstore.testing.ApiClient;
import io.contextstore.testing.Infrastructure;
import io.contextstore.testing.Tenants;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;

/**
 * The production topology in small, on loopback: a Kafka cluster of three combined nodes with the
 * topics at replication factor 3 and two in sync, the ingest and query APIs (in this JVM, as the
 * embedded stack runs them, without its projector) and two projector processes in one consumer group,
 * over a database of their own in the shared test PostgreSQL.
 */
final class ClusterStack implements AutoCloseable {

    static final int PARTITIONS = 12;
    static final String SESSION_TIMEOUT = "6s"; // the brokers' group.min.session.timeout.ms: the shortest they allow
    private static final String GROUP = "contextstore-projector";

    /**
     * A database of the cluster's own: its topics start at offset 0, and the shared database's projector offsets
     * (and the shared stack's projector, which keeps writing them) belong to the shared broker's topics. On the
     * shared database the cluster's projectors resumed past the cluster's events (CI: a tenant's 370 acknowledged
     * pushes, none projected).
     */
    final Infrastructure infrastructure = Infrastructure.shared().withOwnDatabase("cluster_faults");
    final KafkaCluster kafka;
    final ContextStoreServices services;
    final List<ClusterProcess> projectors;
    final Tenants tenants;
    private final Path keys;

    ClusterStack(Path directory) {
        kafka = KafkaCluster.start(directory.resolve("kafka"), 3);
        TopicsProperties topics = new TopicsProperties(PARTITIONS, (short) 3, 2, "lz4");
        try (Admin admin = admin()) {
            admin.createTopics(List.of(TopicDefinitions.contextEvents(topics), TopicDefinitions.deadLetters(topics)))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            kafka.close();
            throw new IllegalStateException("creating the topics on the cluster failed", e);
        }
        keys = directory.resolve("keys");
        Map<String, Object> extra = new HashMap<>(Map.of("contextstore.projector.enabled", false,
                "contextstore.topics.replication-factor", 3, "contextstore.topics.min-insync-replicas", 2));
        // the projectors' JVMs start while the APIs start in this one, with the master key the APIs then find
        MasterKeyRing.generateIfMissing(ContextStoreServices.masterKeyFile(keys), CryptoRandom.keys());
        projectors = List.of(projector("projector-a", directory), projector("projector-b", directory));
        ServicesSettings base = RunningServices.settings(infrastructure, keys, 0);
        try {
            services = ContextStoreServices.start(new ServicesSettings(kafka.bootstrapServers(), base.databaseUrl(),
                    base.passwords(), keys, 0, PARTITIONS, extra));
        } catch (RuntimeException e) { // nothing this test started outlives it
            projectors.forEach(ClusterProcess::close);
            kafka.close();
            throw e;
        }
        tenants = new Tenants(infrastructure);
    }

    /**
     * One projector as its own JVM (the production deployable's main class, this test's class path), so the test can
     * freeze it with SIGSTOP and thaw it with SIGCONT; configured by arguments, its API port a free one.
     */
    private ClusterProcess projector(String name, Path directory) {
        List<String> command = new ArrayList<>(ServiceLauncher.javaCommand(Deployable.PROJECTOR));
        command.addAll(projectorArguments(name));
        ClusterProcess process = new ClusterProcess(name, command, Map.of(), directory.resolve(name + ".log"),
                new ClusterProcess.Ports(0, 0));
        process.start();
        return process;
    }

    /** @param name the connections' application name, so PostgreSQL's sessions tell the two processes apart */
    private List<String> projectorArguments(String name) {
        return List.of(
                "--server.port=0",
                "--spring.main.banner-mode=off",
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--contextstore.topics.partitions=" + PARTITIONS,
                "--contextstore.topics.replication-factor=3",
                "--contextstore.topics.min-insync-replicas=2",
                "--contextstore.projector.database.url=" + infrastructure.databaseUrl() + "?ApplicationName=" + name,
                "--contextstore.projector.database.username=" + ServiceRole.PROJECTOR.roleName(),
                "--contextstore.projector.database.password=" + Infrastructure.password(ServiceRole.PROJECTOR),
                "--contextstore.projector.session-timeout=" + SESSION_TIMEOUT,
                "--contextstore.master-key.file=" + ContextStoreServices.masterKeyFile(keys));
    }

    ApiClient api() {
        return new ApiClient(services.baseUrl());
    }

    /** The projectors' group as the cluster sees it: stable, with every consumer thread of both processes a member. */
    boolean groupStableWith(int members) {
        try (Admin admin = admin()) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP)).all()
                    .get(5, TimeUnit.SECONDS).get(GROUP);
            return group.groupState() == GroupState.STABLE && group.members().size() == members;
        } catch (Exception notYet) {
            return false;
        }
    }

    /** The partition a tenant's events go to: the producer's default partitioner over the tenant key. */
    static int partitionOf(UUID tenant) {
        return Topics.CONTEXT_EVENTS.partitionOf(tenant.toString(), PARTITIONS);
    }

    /** {@code audit verify} of one tenant: rebuilt from the cluster's log, compared with the read model table by table. */
    AuditRuns.Run auditVerify(UUID tenant) {
        return AuditRuns.run(services.baseUrl(), kafka.bootstrapServers(), infrastructure,
                ContextStoreServices.masterKeyFile(keys), "verify", "--tenant", tenant.toString());
    }

    private Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers(),
                "request.timeout.ms", 3000, "default.api.timeout.ms", 5000));
    }

    @Override
    public void close() {
        projectors.forEach(ClusterProcess::close);
        tenants.close();
        services.close();
        kafka.close();
    }
}
