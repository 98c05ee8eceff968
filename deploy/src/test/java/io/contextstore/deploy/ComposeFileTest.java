package io.contextstore.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.platform.migrate.MigrateMain;
import io.contextstore.stack.cluster.Deployable;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml cannot be run here (no Docker engine), so what can be checked without running
 * it is checked: it parses, names the whole topology, and passes each service only settings that
 * service's code reads, with secrets as files and never as values.
 */
class ComposeFileTest {

    private final ComposeFile compose = ComposeFile.load();
    private final Settings.SpringProperties spring = Settings.spring();

    @Test
    void theComposeFileParsesAndHoldsTheWholeTopology() {
        assertThat(compose.services()).containsKeys("kafka-1", "kafka-2", "kafka-3", "postgres", "migrate", "ingest-api",
                "projector", "query-api", "gateway");
        assertThat(ComposeFile.map(compose.service("projector").get("deploy")).get("replicas")).isEqualTo(2);
    }

    @Test
    void everyVariablePassedToAServiceIsASettingThatServiceReads() {
        for (Deployable service : Deployable.values()) {
            List<String> ours = Settings.ofApplication(service.application()).stream().map(Setting::name).toList();
            List<String> unknown = new ArrayList<>();
            compose.environment(service.composeService()).keySet().forEach(variable -> {
                Optional<String> property = Settings.propertyOf(variable, ours, List.of())
                        .or(() -> Settings.propertyOf(variable, spring.names(), spring.mapPrefixes()));
                if (property.isEmpty() || property.get().startsWith("contextstore.") && !ours.contains(property.get())) {
                    unknown.add(variable);
                }
            });
            assertThat(unknown).as("variables %s does not read", service.composeService()).isEmpty();
        }
    }

    @Test
    void everySecretFileIsMountedWhereTheServiceReadsASetting() {
        for (Deployable service : Deployable.values()) {
            List<String> ours = Settings.ofApplication(service.application()).stream().map(Setting::name).toList();
            Map<String, String> environment = compose.environment(service.composeService());
            for (ComposeFile.Secret secret : compose.secrets(service.composeService())) {
                if (secret.target().startsWith("/")) {
                    // a file a setting names (the master key ring), or a file in a directory a setting names
                    // (the signing key in the key directory)
                    assertThat(environment.values()).as("%s: file or directory of %s", service, secret.target())
                            .anyMatch(value -> secret.target().equals(value) || secret.target().startsWith(value + "/"));
                } else {
                    // Spring's configtree import turns /run/secrets/<name> into the property <name>
                    assertThat(environment.get("SPRING_CONFIG_IMPORT")).contains("configtree:/run/secrets/");
                    assertThat(ours).as("%s: secret %s", service, secret.target()).contains(secret.target());
                }
            }
        }
    }

    @Test
    void eachServiceGetsItsOwnDatabaseRoleAndPasswordTheClusterAndJsonLogs() {
        for (Deployable service : Deployable.values()) {
            Map<String, String> environment = compose.environment(service.composeService());
            String prefix = "CONTEXTSTORE_" + service.composeService().replace("-api", "").toUpperCase() + "_DATABASE_";
            assertThat(environment).containsKeys(prefix + "URL", prefix + "USERNAME", "SPRING_KAFKA_BOOTSTRAPSERVERS")
                    .containsEntry("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs")
                    .containsEntry("MANAGEMENT_SERVER_PORT", "8081");
            String passwordProperty = prefix.toLowerCase().replace('_', '.') + "password";
            assertThat(compose.secrets(service.composeService())).extracting(ComposeFile.Secret::target)
                    .contains(passwordProperty);
        }
        assertThat(compose.environment("ingest-api")).containsKey("CONTEXTSTORE_AUTH_KEYDIRECTORY");
        assertThat(compose.environment("query-api")).containsKey("CONTEXTSTORE_AUTH_JWKSURI")
                .doesNotContainKey("CONTEXTSTORE_AUTH_KEYDIRECTORY");
    }

    @Test
    void everyServiceCreatesTheTopicsWithTheSameReplication() {
        for (Deployable service : Deployable.values()) {
            assertThat(compose.environment(service.composeService()))
                    .containsEntry("CONTEXTSTORE_TOPICS_REPLICATIONFACTOR", "3")
                    .containsEntry("CONTEXTSTORE_TOPICS_MININSYNCREPLICAS", "2")
                    .containsEntry("CONTEXTSTORE_TOPICS_PARTITIONS", compose.environment("ingest-api")
                            .get("CONTEXTSTORE_TOPICS_PARTITIONS"));
        }
    }

    @Test
    void theMigrateJobReadsOnlyItsVariablesAndRunsFromTheIngestImage() throws ClassNotFoundException {
        Set<String> known = new HashSet<>();
        MigrateMain.variables().forEach(variable -> {
            known.add(variable);
            known.add(variable + "_FILE");
        });
        assertThat(known).containsAll(compose.environment("migrate").keySet());
        List<Object> entrypoint = ComposeFile.list(compose.service("migrate").get("entrypoint"));
        assertThat(entrypoint).startsWith("java", "-cp", "application.jar");
        assertThat(Class.forName(entrypoint.get(entrypoint.size() - 1).toString())).isEqualTo(MigrateMain.class);
        assertThat(compose.service("migrate").get("build")).isEqualTo(compose.service("ingest-api").get("build"));
        assertThat(ComposeFile.map(ComposeFile.map(compose.service("ingest-api").get("depends_on")).get("migrate")))
                .containsEntry("condition", "service_completed_successfully");
    }

    @Test
    void passwordsAreFilesNeverValuesAndTheRepositoryHoldsNone() throws Exception {
        for (String service : compose.services().keySet()) {
            compose.environment(service).forEach((variable, value) -> {
                if (variable.contains("PASSWORD")) {
                    assertThat(variable).as("%s passes a password as a value", service).endsWith("_FILE");
                }
            });
        }
        List<String> ignoreRules = Files.readAllLines(Repository.file("deploy/secrets/.gitignore")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        assertThat(ignoreRules).first().isEqualTo("*");
        Set<String> kept = new HashSet<>(ignoreRules.stream().filter(rule -> rule.startsWith("!"))
                .map(rule -> rule.substring(1)).toList());
        assertThat(kept).containsOnly(".gitignore", "generate.sh");
        for (String secret : compose.topLevel("secrets").keySet()) {
            String file = compose.secretFile(secret);
            assertThat(file).startsWith("./deploy/secrets/");
            assertThat(kept).doesNotContain(file.substring("./deploy/secrets/".length()));
            assertThat(Repository.read("deploy/secrets/generate.sh")).contains(Stream.of(file.substring(
                    "./deploy/secrets/".length()).split("_password")).findFirst().orElseThrow());
        }
    }
}
