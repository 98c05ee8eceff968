package io.contextstore.stack.cluster;

import io.contextstore.platform.db.ServiceRole;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A service's environment on this machine: Compose's, where only what names a host, a port or a file is
 * replaced (every variable replaced must exist in docker-compose.yml, so the cluster follows the file), plus
 * loopback-only listen addresses. Secrets are files in a directory of the service's own, read by Spring's
 * configtree import, as Compose mounts them under /run/secrets.
 */
record ServiceEnvironment(String kafkaBootstrapServers, String databaseUrl, Map<ServiceRole, String> passwords,
                          Path keyDirectory, Path masterKeyFile, String jwksUri) {

    Map<String, String> of(ComposeEnvironment compose, Deployable deployable, ClusterProcess.Ports ports, Path secrets) {
        Map<String, String> environment = new HashMap<>(compose.environment(deployable.composeService()));
        replace(environment, "SPRING_KAFKA_BOOTSTRAPSERVERS", kafkaBootstrapServers);
        replace(environment, "SERVER_PORT", Integer.toString(ports.api()));
        replace(environment, "MANAGEMENT_SERVER_PORT", Integer.toString(ports.management()));
        replace(environment, "SPRING_CONFIG_IMPORT", "optional:configtree:" + writeSecrets(compose, deployable, secrets) + "/");
        for (String variable : List.copyOf(environment.keySet())) {
            if (variable.endsWith("_DATABASE_URL")) {
                replace(environment, variable, databaseUrl);
            }
        }
        switch (deployable) {
            case INGEST -> {
                replace(environment, "CONTEXTSTORE_AUTH_KEYDIRECTORY", keyDirectory.toString());
                replace(environment, "CONTEXTSTORE_MASTERKEY_FILE", masterKeyFile.toString());
            }
            case PROJECTOR -> replace(environment, "CONTEXTSTORE_MASTERKEY_FILE", masterKeyFile.toString());
            case QUERY -> replace(environment, "CONTEXTSTORE_AUTH_JWKSURI", jwksUri);
        }
        // containers listen on every interface of their own network; here only loopback
        environment.put("SERVER_ADDRESS", "127.0.0.1");
        environment.put("MANAGEMENT_SERVER_ADDRESS", "127.0.0.1");
        return environment;
    }

    /** Each configtree secret Compose mounts (e.g. contextstore.ingest.database.password): the password of its role. */
    private Path writeSecrets(ComposeEnvironment compose, Deployable deployable, Path directory) {
        Map<String, String> environment = compose.environment(deployable.composeService());
        try {
            Files.createDirectories(directory);
            for (String secret : compose.configTreeSecrets(deployable.composeService())) {
                String usernameVariable = secret.replaceFirst("\\.password$", ".username").replace('.', '_')
                        .replace("-", "").toUpperCase(java.util.Locale.ROOT);
                ServiceRole role = ServiceRole.ofRoleName(environment.get(usernameVariable));
                Files.writeString(directory.resolve(secret), passwords.get(role) + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return directory;
    }


    private static void replace(Map<String, String> environment, String variable, String value) {
        if (!environment.containsKey(variable)) {
            throw new IllegalStateException("docker-compose.yml no longer sets " + variable);
        }
        environment.put(variable, value);
    }
}
