package io.contextstore.stack;

import io.contextstore.platform.db.ServiceRole;
import io.contextstore.testing.ApiClient;
import io.contextstore.testing.Infrastructure;
import io.contextstore.testing.Tenants;
import io.contextstore.testing.TopicReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/** All three services, as the embedded stack runs them, over the shared test broker and database. */
public final class RunningServices {

    public static final int PARTITIONS = 12;
    private static RunningServices shared;

    private final Infrastructure infrastructure;
    private final ContextStoreServices services;
    private final Tenants tenants;
    private final Path keys;

    private RunningServices(Infrastructure infrastructure, ContextStoreServices services, Path keys) {
        this.infrastructure = infrastructure;
        this.services = services;
        this.keys = keys;
        this.tenants = new Tenants(infrastructure);
    }

    public static synchronized RunningServices shared() {
        if (shared == null) {
            Infrastructure infrastructure = Infrastructure.shared();
            Path keys = keys();
            shared = new RunningServices(infrastructure, ContextStoreServices.start(settings(infrastructure, keys, 0)), keys);
        }
        return shared;
    }

    public static ServicesSettings settings(Infrastructure infrastructure, Path keys, int port) {
        Map<ServiceRole, String> passwords = new EnumMap<>(ServiceRole.class);
        for (ServiceRole role : ServiceRole.values()) {
            passwords.put(role, Infrastructure.password(role));
        }
        return new ServicesSettings(infrastructure.kafkaBootstrapServers(), infrastructure.databaseUrl(), passwords,
                keys, port, PARTITIONS, Map.of("contextstore.ingest.database.connection-timeout", "2s"));
    }

    private static Path keys() {
        try {
            return Files.createTempDirectory("stack-keys-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ApiClient client() {
        return new ApiClient(services.baseUrl());
    }

    /** The master key ring the services seal with (ADR 33), as the embedded stack keeps it. */
    public Path masterKeyFile() {
        return ContextStoreServices.masterKeyFile(keys);
    }

    public String kafkaBootstrapServers() {
        return infrastructure.kafkaBootstrapServers();
    }

    public Tenants tenants() {
        return tenants;
    }

    public Infrastructure infrastructure() {
        return infrastructure;
    }

    public TopicReader topic() {
        return new TopicReader(infrastructure.kafkaBootstrapServers());
    }
}
