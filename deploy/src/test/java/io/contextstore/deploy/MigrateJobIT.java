package io.contextstore.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.platform.db.ServiceRole;
import io.contextstore.stack.cluster.Deployable;
import io.contextstore.testing.Infrastructure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The migrate job of docker-compose.yml, run as Compose runs it (its entrypoint in the ingest API's
 * image layout, its environment with secrets as files) against a real PostgreSQL: from an empty
 * cluster to a migrated database whose service roles can log in, and again without harm.
 */
class MigrateJobIT {

    private final Infrastructure infrastructure = Infrastructure.shared();
    private final ComposeFile compose = ComposeFile.load();
    private final String database = "migrate_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final String databaseUrl = infrastructure.databaseUrl().replaceFirst("/" + Infrastructure.DATABASE + "$",
            "/" + database);

    @AfterEach
    void dropTheDatabase() throws Exception {
        try (Connection superuser = infrastructure.superuserConnection(); Statement statement = superuser.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    @Test
    void theJobCreatesTheDatabaseMigratesItAndLetsEachServiceRoleLogInWithItsSecretFile() throws Exception {
        ServiceProcess first = run(environment());
        assertThat(first.waitForExit(Duration.ofMinutes(2))).as(first.output()).isZero();

        for (ServiceRole role : List.of(ServiceRole.INGEST, ServiceRole.PROJECTOR, ServiceRole.QUERY)) {
            try (Connection connection = DriverManager.getConnection(databaseUrl, role.roleName(),
                    Infrastructure.password(role)); Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT current_user")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo(role.roleName());
            }
        }
        try (Connection owner = DriverManager.getConnection(databaseUrl, Infrastructure.OWNER, Infrastructure.ownerPassword());
             Statement statement = owner.createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(*) FROM flyway_schema_history WHERE success")) {
            rs.next();
            assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(2);
        }
        assertThat(first.output()).doesNotContain(Infrastructure.ownerPassword(), Infrastructure.password(ServiceRole.INGEST));

        ServiceProcess again = run(environment());
        assertThat(again.waitForExit(Duration.ofMinutes(2))).as(again.output()).isZero();
        assertThat(again.output()).contains("0 migration(s) applied now");
    }

    @Test
    void withoutItsDatabaseUrlTheJobExitsAsMisconfiguredNamingTheVariable() throws Exception {
        Map<String, String> environment = environment();
        environment.remove("CONTEXTSTORE_MIGRATE_DATABASE_URL");

        ServiceProcess job = run(environment);

        assertThat(job.waitForExit(Duration.ofMinutes(1))).isEqualTo(2);
        assertThat(job.errors()).contains("CONTEXTSTORE_MIGRATE_DATABASE_URL");
    }

    /**
     * Compose's environment of the job, pointed at the test cluster; every *_FILE names a file here
     * holding the password the test infrastructure gave that role (so other tests keep working).
     */
    private Map<String, String> environment() throws Exception {
        Path secrets = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "migrate-secrets-");
        Map<String, String> environment = new HashMap<>(compose.environment("migrate"));
        replace(environment, "CONTEXTSTORE_MIGRATE_DATABASE_URL", databaseUrl);
        replace(environment, "CONTEXTSTORE_MIGRATE_SUPERUSER_URL", databaseUrl.replaceFirst("/" + database + "$", "/postgres"));
        // the embedded cluster trusts local connections: its superuser has no password
        replace(environment, "CONTEXTSTORE_MIGRATE_SUPERUSER_PASSWORD_FILE", null);
        try (Connection superuser = infrastructure.superuserConnection()) {
            environment.put("CONTEXTSTORE_MIGRATE_SUPERUSER", superuser.getMetaData().getUserName());
        }
        replace(environment, "CONTEXTSTORE_MIGRATE_OWNER_PASSWORD_FILE",
                Files.writeString(secrets.resolve("owner"), Infrastructure.ownerPassword() + "\n").toString());
        for (ServiceRole role : ServiceRole.values()) {
            replace(environment, "CONTEXTSTORE_MIGRATE_" + role.name() + "_PASSWORD_FILE",
                    Files.writeString(secrets.resolve(role.roleName()), Infrastructure.password(role) + "\n").toString());
        }
        return environment;
    }

    private static void replace(Map<String, String> environment, String variable, String value) {
        assertThat(environment).as("docker-compose.yml sets %s for the migrate job", variable).containsKey(variable);
        if (value == null) {
            environment.remove(variable);
        } else {
            environment.put(variable, value);
        }
    }

    private ServiceProcess run(Map<String, String> environment) throws Exception {
        List<String> command = ServiceImage.command(ComposeFile.list(compose.service("migrate").get("entrypoint")));
        return ServiceProcess.start("migrate-" + UUID.randomUUID(), ServiceImage.of(Deployable.INGEST), command, environment,
                Files.createTempDirectory(Path.of("target").toAbsolutePath(), "migrate-logs-"));
    }
}
