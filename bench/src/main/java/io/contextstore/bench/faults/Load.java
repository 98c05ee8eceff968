package io.contextstore.bench.faults;

import io.contextstore.bench.ProjectionWatch;
import io.contextstore.events.topic.Topics;
import io.contextstore.platform.db.Database;
import io.contextstore.platform.db.DatabaseSettings;
import io.contextstore.platform.db.ServiceRole;
import io.contextstore.platform.tenancy.TenantAdministration;
import io.contextstore.stack.cluster.ClusterTopology;
import io.contextstore.testing.ApiClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The campaign's tenants (created as an operator does) and their devices, each a client home of its own. */
final class Load implements AutoCloseable {

    private record Tenant(UUID id, String licenseKey) {
    }

    private final List<Tenant> tenants;
    private final Fleet fleet;
    private final int devices;
    private final int rate;
    private final int partitions;

    private Load(List<Tenant> tenants, Fleet fleet, int devices, int rate, int partitions) {
        this.tenants = tenants;
        this.fleet = fleet;
        this.devices = devices;
        this.rate = rate;
        this.partitions = partitions;
    }

    static Load start(ClusterTopology cluster, Path homes, Timeline timeline, int tenantCount, int devicesPerTenant, int rate) {
        List<Tenant> tenants = new ArrayList<>();
        DatabaseSettings admin = new DatabaseSettings(cluster.databaseUrl(), ServiceRole.ADMIN.roleName(),
                cluster.directory().secrets().of(ServiceRole.ADMIN), 2, Duration.ofSeconds(10));
        try (Database database = Database.connect(admin, "fault-campaign-admin")) {
            TenantAdministration administration = new TenantAdministration(database, UUID::randomUUID);
            for (int t = 0; t < tenantCount; t++) {
                UUID id = administration.createTenant("campaign tenant " + t);
                tenants.add(new Tenant(id, administration.issueKey(id, "developer-" + t, "member", null).key().value()));
            }
        }
        List<Device> devices = new ArrayList<>();
        for (int t = 0; t < tenants.size(); t++) {
            for (int d = 0; d < devicesPerTenant; d++) {
                String name = "tenant" + t + "-machine" + d;
                devices.add(new Device(name, tenants.get(t).id(), homes.resolve(name), cluster.baseUrl(),
                        tenants.get(t).licenseKey(), timeline));
            }
        }
        int partitions = cluster.kafka().partitions(Topics.CONTEXT_EVENTS.name()).size();
        return new Load(tenants, new Fleet(devices, rate, Duration.ofMillis(500)), devices.size(), rate, partitions);
    }

    Fleet fleet() {
        return fleet;
    }

    int devices() {
        return devices;
    }

    int rate() {
        return rate;
    }

    /** Every tenant is as busy as the others: the first one's partition is "the busy partition". */
    int partitionOfBusiestTenant() {
        return ProjectionWatch.partitionOf(tenants.get(0).id(), partitions);
    }

    ReplicaProbe replicaProbe(ClusterTopology cluster) {
        ApiClient gateway = new ApiClient(cluster.baseUrl());
        ApiClient replicaReader = new ApiClient("http://127.0.0.1:" + cluster.service("query-b").ports().api());
        return new ReplicaProbe(gateway, replicaReader, gateway.login(tenants.get(0).licenseKey(), "replica-probe"),
                cluster.replica());
    }

    @Override
    public void close() {
        fleet.close();
    }
}
