package io.contextstore.stack.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.platform.db.ServiceRole;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster's services run with docker-compose.yml's environment: only what names a host, port or file differs. */
class ServiceEnvironmentTest {

    /** What a machine without containers must replace: hosts, ports, file locations. Nothing else may differ. */
    private static final Set<String> REPLACED = Set.of("SPRING_KAFKA_BOOTSTRAPSERVERS", "SERVER_PORT",
            "MANAGEMENT_SERVER_PORT", "SPRING_CONFIG_IMPORT", "CONTEXTSTORE_INGEST_DATABASE_URL",
            "CONTEXTSTORE_PROJECTOR_DATABASE_URL", "CONTEXTSTORE_QUERY_DATABASE_URL", "CONTEXTSTORE_AUTH_KEYDIRECTORY",
            "CONTEXTSTORE_MASTERKEY_FILE", "CONTEXTSTORE_AUTH_JWKSURI");

    @TempDir
    Path secrets;

    private final ComposeEnvironment compose = ComposeEnvironment.load();
    private final ServiceEnvironment cluster = new ServiceEnvironment("127.0.0.1:1,127.0.0.1:2,127.0.0.1:3",
            "jdbc:postgresql://127.0.0.1:5/contextstore", passwords(), Path.of("/keys"), Path.of("/keys/master-keys"),
            "http://127.0.0.1:9/.well-known/jwks.json");

    @Test
    void everyServiceGetsEveryComposeVariableWithComposesValueUnlessItNamesAHostPortOrFile() {
        for (Deployable deployable : Deployable.values()) {
            Map<String, String> fromCompose = compose.environment(deployable.composeService());
            Map<String, String> here = cluster.of(compose, deployable, new ClusterProcess.Ports(7001, 7002),
                    secrets.resolve(deployable.name()));

            assertThat(here).as(deployable.composeService()).containsKeys(fromCompose.keySet().toArray(String[]::new));
            Map<String, String> unchanged = new HashMap<>(fromCompose);
            unchanged.keySet().removeAll(REPLACED);
            assertThat(here).as(deployable.composeService()).containsAllEntriesOf(unchanged);
            assertThat(here).containsEntry("SERVER_ADDRESS", "127.0.0.1").containsEntry("MANAGEMENT_SERVER_ADDRESS", "127.0.0.1")
                    .containsEntry("SERVER_PORT", "7001").containsEntry("MANAGEMENT_SERVER_PORT", "7002");
        }
    }

    @Test
    void theKafkaSettingsAreComposesThreeBrokerOnes() {
        Map<String, String> projector = cluster.of(compose, Deployable.PROJECTOR, new ClusterProcess.Ports(1, 2), secrets);

        assertThat(projector).containsEntry("CONTEXTSTORE_TOPICS_REPLICATIONFACTOR", "3")
                .containsEntry("CONTEXTSTORE_TOPICS_MININSYNCREPLICAS", "2")
                .containsEntry("SPRING_KAFKA_BOOTSTRAPSERVERS", "127.0.0.1:1,127.0.0.1:2,127.0.0.1:3");
    }

    @Test
    void eachServicesPasswordIsAConfigTreeFileNamedAsComposeMountsIt() throws IOException {
        Map<String, String> ingest = cluster.of(compose, Deployable.INGEST, new ClusterProcess.Ports(1, 2), secrets);

        assertThat(ingest).containsEntry("SPRING_CONFIG_IMPORT", "optional:configtree:" + secrets + "/");
        assertThat(Files.readString(secrets.resolve("contextstore.ingest.database.password")))
                .isEqualTo("password-of-cs_ingest\n");
    }

    private static Map<ServiceRole, String> passwords() {
        Map<ServiceRole, String> passwords = new EnumMap<>(ServiceRole.class);
        for (ServiceRole role : ServiceRole.values()) {
            passwords.put(role, "password-of-" + role.roleName());
        }
        return passwords;
    }
}
