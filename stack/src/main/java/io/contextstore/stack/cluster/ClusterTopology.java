package io.contextstore.stack.cluster;

import io.contextstore.embedded.FreePorts;
import io.contextstore.embedded.KafkaCluster;
import io.contextstore.embedded.PostgresReplica;
import io.contextstore.embedded.PostgresServer;
import io.contextstore.platform.auth.LocalKeyRing;
import io.contextstore.platform.crypto.CryptoRandom;
import io.contextstore.platform.crypto.MasterKeyRing;
import io.contextstore.stack.ContextStoreServices;
import io.contextstore.stack.EmbeddedStack;
import io.contextstore.stack.StackDirectory;
import io.contextstore.stack.StartupProgress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * docker-compose.yml's topology as separate processes on loopback, from the same jars and settings: three KRaft
 * nodes ({@link KafkaCluster}), a PostgreSQL primary and a streaming replica, two ingest-api, two projectors (one
 * consumer group) and two query-api (the second reading from the replica) as JVMs with Compose's environment, and
 * haproxy in front. Every part has a handle, so a fault campaign can kill, freeze, thaw and restart it.
 */
public final class ClusterTopology implements AutoCloseable {

    /** The replica's physical replication slot on the primary, and its application name in pg_stat_replication. */
    public static final String REPLICA_SLOT = "contextstore_replica";

    /**
     * @param gatewayPort      the load balancer's port (0 = a free one)
     * @param extraEnvironment added to every service's (e.g. a shorter projector session timeout for a fault test)
     * @param brokerGroups     each Kafka node under a group id of its own, so a fault campaign can cut one off with
     *                         iptables (root only; {@link KafkaCluster#start(java.nio.file.Path, int, boolean)})
     */
    public record Options(StackDirectory directory, int gatewayPort, Map<String, String> extraEnvironment,
                          boolean brokerGroups) {

        public Options(StackDirectory directory, int gatewayPort, Map<String, String> extraEnvironment) {
            this(directory, gatewayPort, extraEnvironment, false);
        }
    }

    private final Options options;
    private final StackDirectory directory;
    private final LeftoverProcesses leftovers;
    private final List<AutoCloseable> started = new ArrayList<>();
    private boolean closed;
    private final Map<String, ClusterProcess> services = new LinkedHashMap<>();
    private final Map<String, Deployable> kinds = new LinkedHashMap<>();
    private PostgresServer primary;
    private PostgresServer replica;
    private KafkaCluster kafka;
    private ClusterProcess gateway;

    private ClusterTopology(Options options) {
        this.options = options;
        this.directory = options.directory();
        this.leftovers = leftovers(directory);
    }

    private static LeftoverProcesses leftovers(StackDirectory directory) {
        return new LeftoverProcesses(directory.root().resolve("processes"));
    }

    /**
     * Stops what an earlier cluster in this directory left running because its launcher was killed (SIGKILL gives it
     * no chance to stop its processes); returns how many processes that was.
     */
    public static int stopLeftovers(StackDirectory directory) {
        return leftovers(directory).stopAll();
    }

    /** Starts every part, waits until each is ready, and returns; on a failure stops what it started. */
    public static ClusterTopology start(Options options) {
        ClusterTopology topology = prepare(options);
        topology.start();
        return topology;
    }

    /** A topology not started yet: a launcher can arrange for {@link #close()} on Ctrl-C before anything runs. */
    public static ClusterTopology prepare(Options options) {
        Gateway.requireInstalled();
        return new ClusterTopology(options);
    }

    /** Starts every part and waits until each is ready; on a failure stops what it started. */
    public void start() {
        try {
            startAll();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void startAll() {
        StackDirectory.Secrets secrets = directory.secrets();
        primary = started(StartupProgress.step("PostgreSQL primary",
                () -> PostgresServer.start(directory.postgres(), 0)));
        ProcessHandle.of(primary.pid()).ifPresent(leftovers::record);
        String databaseUrl = StartupProgress.step("Database schema (Flyway)",
                () -> EmbeddedStack.prepareDatabase(primary, secrets));
        replica = started(StartupProgress.step("PostgreSQL streaming replica (base backup)",
                () -> PostgresReplica.start(primary, directory.root().resolve("postgres-replica").resolve("data"), 0,
                        REPLICA_SLOT)));
        ProcessHandle.of(replica.pid()).ifPresent(leftovers::record);
        kafka = started(StartupProgress.step("Kafka cluster (3 KRaft nodes)", () -> KafkaCluster.start(directory.kafka(), 3,
                options.brokerGroups())));
        Path masterKeys = ContextStoreServices.masterKeyFile(directory.keys());
        // made once here: two ingest instances starting at once would each generate a signing key of their own
        LocalKeyRing.load(directory.keys(), true, Clock.systemUTC());
        MasterKeyRing.generateIfMissing(masterKeys, CryptoRandom.keys());
        int gatewayPort = options.gatewayPort() == 0 ? FreePorts.next() : options.gatewayPort();
        String gatewayUrl = "http://127.0.0.1:" + gatewayPort;
        ServiceEnvironment primaryEnvironment = new ServiceEnvironment(kafka.bootstrapServers(), databaseUrl,
                secrets.services(), directory.keys(), masterKeys, gatewayUrl + "/.well-known/jwks.json");
        ServiceLauncher launcher = new ServiceLauncher(ComposeEnvironment.load(), directory.root(), options.extraEnvironment());
        launch(Deployable.INGEST, launcher.service("ingest-a", Deployable.INGEST, primaryEnvironment, Map.of()));
        launch(Deployable.INGEST, launcher.service("ingest-b", Deployable.INGEST, primaryEnvironment, Map.of()));
        launch(Deployable.PROJECTOR, launcher.service("projector-a", Deployable.PROJECTOR, primaryEnvironment, Map.of()));
        launch(Deployable.PROJECTOR, launcher.service("projector-b", Deployable.PROJECTOR, primaryEnvironment, Map.of()));
        launch(Deployable.QUERY, launcher.service("query-a", Deployable.QUERY, primaryEnvironment, Map.of()));
        launch(Deployable.QUERY, launcher.service("query-b", Deployable.QUERY, primaryEnvironment,
                Map.of("CONTEXTSTORE_QUERY_REPLICAURL", replica.jdbcUrl(EmbeddedStack.DATABASE))));
        StartupProgress.step("Services (2 ingest-api, 2 projector, 2 query-api)", () -> {
            services.values().parallelStream().forEach(ServiceLauncher::awaitReady);
            return services.size();
        });
        gateway = started(Gateway.of(directory.root(), gatewayPort, instances(Deployable.INGEST), instances(Deployable.QUERY)));
        gateway.recordIn(leftovers);
        StartupProgress.step("Load balancer (haproxy)", () -> {
            gateway.start();
            ServiceLauncher.awaitGateway(gateway);
            return gatewayPort;
        });
    }

    private void launch(Deployable deployable, ClusterProcess service) {
        services.put(service.name(), started(service));
        service.recordIn(leftovers);
        kinds.put(service.name(), deployable);
        service.start();
    }

    /** Records a part for {@link #close()}; a part that comes up after a close (Ctrl-C while starting) is stopped at once. */
    private synchronized <T extends AutoCloseable> T started(T part) {
        if (closed) {
            closeQuietly(part);
            throw new IllegalStateException("the cluster was stopped while it started");
        }
        started.add(part);
        return part;
    }

    /** The load balancer's URL: the one base URL of the API, as Compose's gateway. */
    public String baseUrl() {
        return "http://127.0.0.1:" + gateway.ports().api();
    }

    public KafkaCluster kafka() {
        return kafka;
    }

    public PostgresServer primary() {
        return primary;
    }

    public PostgresServer replica() {
        return replica;
    }

    public String databaseUrl() {
        return primary.jdbcUrl(EmbeddedStack.DATABASE);
    }

    public String replicaDatabaseUrl() {
        return replica.jdbcUrl(EmbeddedStack.DATABASE);
    }

    /** ingest-a, ingest-b, projector-a, projector-b, query-a, query-b (reads from the replica). */
    public ClusterProcess service(String name) {
        ClusterProcess service = services.get(name);
        if (service == null) {
            throw new IllegalArgumentException("no service " + name + "; there are " + services.keySet());
        }
        return service;
    }

    public List<ClusterProcess> services() {
        return List.copyOf(services.values());
    }

    /** The instances of one deployable, in start order. */
    public List<ClusterProcess> instances(Deployable deployable) {
        return services.values().stream()
                .filter(service -> kinds.get(service.name()) == deployable)
                .toList();
    }

    public ClusterProcess gateway() {
        return gateway;
    }

    /** Waits until a service (started again after a fault) answers its readiness probe. */
    public void awaitReady(ClusterProcess service) {
        ServiceLauncher.awaitReady(service);
    }

    /** How many bytes of WAL the replica has not replayed yet (the primary's view), or -1 if it is not streaming. */
    public long replicaLagBytes() {
        return ReplicaLag.bytes(primary, REPLICA_SLOT);
    }

    public StackDirectory directory() {
        return directory;
    }

    /** Stops everything it started, the front first and the databases last, each part even if another fails. */
    @Override
    public void close() {
        List<AutoCloseable> parts;
        synchronized (this) {
            closed = true;
            parts = new ArrayList<>(started);
            started.clear();
        }
        for (int i = parts.size() - 1; i >= 0; i--) {
            closeQuietly(parts.get(i));
        }
    }

    private static void closeQuietly(AutoCloseable part) {
        try {
            part.close();
        } catch (Exception e) {
            System.err.println("stopping " + part + " failed: " + e.getMessage());
        }
    }
}
