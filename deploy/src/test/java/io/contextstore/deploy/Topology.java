package io.contextstore.deploy;

import io.contextstore.embedded.FreePorts;
import io.contextstore.platform.auth.LocalKeyRing;
import io.contextstore.platform.crypto.CryptoRandom;
import io.contextstore.platform.crypto.MasterKeyRing;
import io.contextstore.platform.db.ServiceRole;
import io.contextstore.stack.cluster.Deployable;
import io.contextstore.testing.Infrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The three services of docker-compose.yml as separate JVMs on this machine: each with the environment
 * Compose gives it, where only what names the host differs (the broker and database of the test
 * infrastructure, free ports, local secret directories, a broker of one, so replication 1). Every
 * variable replaced must exist in the Compose file, so the test follows the file as it changes.
 */
final class Topology implements AutoCloseable {

    record Ports(int api, int management) {
    }

    private final Infrastructure infrastructure;
    private final Path work;
    private final ComposeFile compose = ComposeFile.load();
    private final Map<Deployable, Ports> ports = new EnumMap<>(Deployable.class);
    private final Map<Deployable, ServiceProcess> processes = new EnumMap<>(Deployable.class);
    private final Path keys;
    private final Path masterKeys;

    Topology(Infrastructure infrastructure, Path work) {
        this.infrastructure = infrastructure;
        this.work = work;
        this.keys = work.resolve("signing-keys");
        this.masterKeys = work.resolve("master-keys");
        for (Deployable service : Deployable.values()) {
            ports.put(service, new Ports(FreePorts.next(), FreePorts.next()));
        }
    }

    /** Starts every service at once (as Compose does once the migrate job finished) from its image layout. */
    void start() {
        try {
            LocalKeyRing.addKey(keys, Clock.systemUTC());
            MasterKeyRing.generateIfMissing(masterKeys, CryptoRandom.keys());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Deployable service : Deployable.values()) {
            Path image = ServiceImage.of(service);
            processes.put(service, ServiceProcess.start(service.composeService(), image,
                    ServiceImage.command(Dockerfiles.of(service).entrypoint()), environment(service), work.resolve("logs")));
        }
    }

    Map<String, String> environment(Deployable service) {
        Map<String, String> environment = new HashMap<>(compose.environment(service.composeService()));
        replace(environment, "SPRING_KAFKA_BOOTSTRAPSERVERS", infrastructure.kafkaBootstrapServers());
        replace(environment, "CONTEXTSTORE_TOPICS_REPLICATIONFACTOR", "1");
        replace(environment, "CONTEXTSTORE_TOPICS_MININSYNCREPLICAS", "1");
        replace(environment, "SERVER_PORT", Integer.toString(ports.get(service).api()));
        replace(environment, "MANAGEMENT_SERVER_PORT", Integer.toString(ports.get(service).management()));
        replace(environment, "SPRING_CONFIG_IMPORT", "optional:configtree:" + secrets(service) + "/");
        for (String variable : List.copyOf(environment.keySet())) {
            if (variable.endsWith("_DATABASE_URL")) {
                replace(environment, variable, infrastructure.databaseUrl());
            }
        }
        if (service == Deployable.INGEST) {
            replace(environment, "CONTEXTSTORE_AUTH_KEYDIRECTORY", keys.toString());
        }
        if (service == Deployable.INGEST || service == Deployable.PROJECTOR) {
            replace(environment, "CONTEXTSTORE_MASTERKEY_FILE", masterKeys.toString());
        }
        if (service == Deployable.QUERY) {
            replace(environment, "CONTEXTSTORE_AUTH_JWKSURI", baseUrl(Deployable.INGEST) + "/.well-known/jwks.json");
        }
        // small heaps and quick starts: four JVMs share two cores here
        environment.put("JAVA_TOOL_OPTIONS", "-Xmx256m -XX:TieredStopAtLevel=1");
        return environment;
    }

    /**
     * The service's /run/secrets: each secret Compose mounts there, named by its target, holding
     * the password of the role the service's username variable names.
     */
    private Path secrets(Deployable service) {
        Path directory = work.resolve("secrets").resolve(service.composeService());
        try {
            Files.createDirectories(directory);
            Map<String, String> environment = compose.environment(service.composeService());
            for (ComposeFile.Secret secret : compose.secrets(service.composeService())) {
                if (!secret.target().startsWith("/")) {
                    String username = environment.get(Setting.environmentVariable(
                            secret.target().replaceFirst("\\.password$", ".username")));
                    Files.writeString(directory.resolve(secret.target()), Infrastructure.password(ServiceRole.ofRoleName(username)) + "\n");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return directory;
    }


    private static void replace(Map<String, String> environment, String variable, String value) {
        if (!environment.containsKey(variable)) {
            throw new AssertionError("docker-compose.yml no longer sets " + variable);
        }
        environment.put(variable, value);
    }

    String baseUrl(Deployable service) {
        return "http://127.0.0.1:" + ports.get(service).api();
    }

    String managementUrl(Deployable service) {
        return "http://127.0.0.1:" + ports.get(service).management();
    }

    ServiceProcess process(Deployable service) {
        return processes.get(service);
    }

    Path keyDirectory() {
        return keys;
    }

    @Override
    public void close() {
        List<RuntimeException> failures = new ArrayList<>();
        processes.values().forEach(process -> {
            try {
                process.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        });
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }
}
