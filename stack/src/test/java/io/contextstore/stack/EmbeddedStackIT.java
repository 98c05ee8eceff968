package io.contextstore.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.embedded.PostgresServer;
import io.contextstore.projector.ProjectorConfiguration;
import io.contextstore.testing.ApiClient;
import io.contextstore.testing.ApiClient.Response;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EmbeddedStackIT {

    @TempDir
    Path data;

    @Test
    void dataSurvivesARestartAndFreshStartsFromScratch() throws Exception {
        StackDirectory directory = new StackDirectory(data);
        String item = ApiClient.json(Map.of("title", "kept", "decision", "across restarts"));
        EmbeddedStack.Demo demo;
        long cursor;
        try (EmbeddedStack stack = EmbeddedStack.start(options(directory, false))) {
            demo = stack.demo();
            ApiClient api = new ApiClient(stack.baseUrl());
            Response created = api.post("/api/v1/context/decisions/", api.login(demo.licenseKey(), "laptop"), item);
            assertThat(created.status()).isEqualTo(201);
            cursor = created.json().get("cursor").longValue();
        }

        Path masterKeys = ContextStoreServices.masterKeyFile(directory.keys());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(masterKeys))).as("the master key ring")
                .isEqualTo("rw-------");
        String ring = Files.readString(masterKeys);
        try (EmbeddedStack stack = EmbeddedStack.start(options(directory, false))) {
            assertThat(stack.demo()).isEqualTo(demo);
            ApiClient api = new ApiClient(stack.baseUrl());
            String token = api.login(demo.licenseKey(), "laptop");
            Response again = api.post("/api/v1/context/decisions/", token, item);
            assertThat(again.json().get("status").stringValue()).isEqualTo("duplicate");
            assertThat(again.json().get("cursor").longValue()).isEqualTo(cursor);
            assertThat(api.get("/api/v1/context/pull?cursor=0&wait_for=" + cursor + "&timeout_ms=30000", token).body())
                    .as("sealed before the restart, read after it").contains("across restarts");
        }
        assertThat(Files.readString(masterKeys)).as("the same master key across restarts").isEqualTo(ring);

        try (EmbeddedStack stack = EmbeddedStack.start(options(directory, true))) {
            assertThat(stack.demo().tenantId()).isNotEqualTo(demo.tenantId());
            ApiClient api = new ApiClient(stack.baseUrl());
            assertThat(api.post("/api/v1/auth/license/", null,
                    ApiClient.json(Map.of("license_key", demo.licenseKey()))).status()).isEqualTo(401);
        }
    }

    @Test
    void theOperatorCommandCreatesTenantsAndIssuesListsAndRevokesKeys() {
        try (EmbeddedStack stack = EmbeddedStack.start(options(new StackDirectory(data), false))) {
            ApiClient api = new ApiClient(stack.baseUrl());
            // the id is the command's own line; the stack in this JVM may log to the same standard output meanwhile
            String tenant = run("admin", "--data-dir", data.toString(), "create-tenant", "--name", "acme").lines()
                    .filter(line -> line.matches("[0-9a-f-]{36}")).findFirst().orElseThrow();
            String issued = run("admin", "--data-dir", data.toString(), "issue-key", "--tenant", tenant, "--user", "alice");
            String keyId = value(issued, "key id:");
            String key = value(issued, "license key:");

            assertThat(api.login(key, "laptop")).isNotBlank();
            assertThat(run("admin", "--data-dir", data.toString(), "list-keys", "--tenant", tenant))
                    .contains(keyId).contains("alice").contains("active").doesNotContain(key);

            run("admin", "--data-dir", data.toString(), "revoke-key", "--tenant", tenant, "--key", keyId);

            assertThat(api.post("/api/v1/auth/license/", null, ApiClient.json(Map.of("license_key", key))).status())
                    .isEqualTo(401);
            assertThat(run("admin", "--data-dir", data.toString(), "list-keys", "--tenant", tenant)).contains("revoked");
            assertThat(run("admin", "--data-dir", data.toString(), "erase-user", "--tenant", tenant, "--user", "alice"))
                    .contains("erasure appended at offset");
            assertThat(run("admin", "--data-dir", data.toString(), "delete-tenant", "--tenant", tenant, "--yes"))
                    .contains("erasure appended at offset");
            assertThat(run("admin", "--data-dir", data.toString(), "rotate-master-key", "--retire"))
                    .contains("re-wrapped").contains("retired the older master keys");
        }
    }

    @Test
    void theSearchIndexersDatabaseWorkRunsAtALowerPriorityThanTheProjectorsAndTheServices() throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.start(options(new StackDirectory(data), true))) {
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> niceOfBackends(stack, ProjectorConfiguration.SEARCH_INDEXER), nice -> !nice.isEmpty()
                            && nice.stream().allMatch(n -> n == EmbeddedStack.SEARCH_INDEXER_NICE));
            assertThat(niceOfBackends(stack, "projector")).isNotEmpty().containsOnly(0);
            assertThat(niceOfBackends(stack, "ingest")).isNotEmpty().containsOnly(0);
        }
    }

    /** The nice value (field 19 of /proc/[pid]/stat) of each backend of one application. */
    private static List<Integer> niceOfBackends(EmbeddedStack stack, String applicationName) throws Exception {
        List<Integer> nice = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(stack.databaseUrl(), PostgresServer.SUPERUSER, "");
             PreparedStatement backends = c.prepareStatement("SELECT pid FROM pg_stat_activity WHERE application_name = ?")) {
            backends.setString(1, applicationName);
            try (ResultSet rs = backends.executeQuery()) {
                while (rs.next()) {
                    String stat = Files.readString(Path.of("/proc", rs.getString(1), "stat"));
                    nice.add(Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]));
                }
            }
        }
        return nice;
    }

    private static EmbeddedStack.Options options(StackDirectory directory, boolean fresh) {
        return new EmbeddedStack.Options(directory, fresh, 0, 0, 0, 3, Map.of());
    }

    private static String run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int exit = new CommandLine(new Main()).execute(args);
            assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isZero();
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String value(String output, String label) {
        return output.lines().filter(line -> line.startsWith(label)).findFirst().orElseThrow()
                .substring(label.length()).trim();
    }
}
