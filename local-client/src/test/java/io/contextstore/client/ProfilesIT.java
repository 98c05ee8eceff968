package io.contextstore.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.client.json.Json;
import io.contextstore.testing.Tenants.TestTenant;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ctx} commands on a machine with two accounts (ADR 37): each directory's commands use its profile's tiers,
 * queue and credentials, against two tenants of the real services; bad profile input writes nothing.
 */
class ProfilesIT {

    private final TestServer server = TestServer.shared();

    @TempDir
    Path home;

    @TempDir
    Path work;

    private Ctx root;
    private TestTenant acme;
    private TestTenant globex;
    private Path acmeDirectory;
    private Path globexDirectory;
    private Path personal;

    @BeforeEach
    void twoAccountsBoundToTwoDirectories() throws IOException {
        root = new Ctx(home);
        acme = server.tenants().create("ann");
        globex = server.tenants().create("gil");
        assertThat(login("acme", acme).exit()).isZero();
        assertThat(login("globex", globex).exit()).isZero();
        acmeDirectory = Files.createDirectories(work.resolve("acme/ledger"));
        globexDirectory = Files.createDirectories(work.resolve("globex-repo/service"));
        personal = Files.createDirectories(work.resolve("personal"));
        assertThat(root.run("profile", "bind", "acme", work.resolve("acme").toString()).exit()).isZero();
        Files.writeString(work.resolve("globex-repo/.ctx-profile"), "globex\n");
    }

    private Ctx.Run login(String profile, TestTenant tenant) {
        Ctx.Run login = root.run("login", "--profile", profile, "--server", server.baseUrl(), "--key", tenant.licenseKey(),
                "--device", "laptop");
        assertThat(login.exit()).as(login.err()).isIn(0, 3);
        return login;
    }

    @SuppressWarnings("unchecked")
    private static List<String> titlesFound(Ctx ctx, String... searchArguments) {
        String[] line = Stream.concat(Stream.of(searchArguments), Stream.of("--json")).toArray(String[]::new);
        Ctx.Run search = ctx.run(line);
        assertThat(search.exit()).as(search.err()).isZero();
        return ((List<Map<String, Object>>) search.json().get("results")).stream().map(hit -> (String) hit.get("title")).toList();
    }

    @Test
    void searchInOneProfilesDirectoryNeverShowsTheOtherProfilesItems() {
        Ctx inAcme = root.in(acmeDirectory);
        Ctx inGlobex = root.in(globexDirectory);
        assertThat(inAcme.run("push", "decision", "--title", "Acme ledger in Kafka", "--decision", "the ledger is an event log")
                .exit()).isZero();
        assertThat(inGlobex.run("push", "decision", "--title", "Globex ledger in PostgreSQL", "--decision", "the ledger is a table")
                .exit()).isZero();
        assertThat(root.in(personal).run("push", "decision", "--title", "Personal ledger on paper", "--decision", "a notebook")
                .exit()).isZero();

        assertThat(inAcme.run("sync").exit()).isZero();
        assertThat(inGlobex.run("sync").exit()).isZero();

        assertThat(titlesFound(inAcme, "search", "ledger")).containsExactly("Acme ledger in Kafka");
        assertThat(titlesFound(inGlobex, "search", "ledger")).containsExactly("Globex ledger in PostgreSQL");
        assertThat(titlesFound(root.in(personal), "search", "ledger")).containsExactly("Personal ledger on paper");
        // the precedence: CTX_PROFILE over the binding, --profile over both
        assertThat(titlesFound(inAcme.with("CTX_PROFILE", "globex"), "search", "ledger")).containsExactly("Globex ledger in PostgreSQL");
        assertThat(titlesFound(inGlobex.with("CTX_PROFILE", "globex"), "--profile", "acme", "search", "ledger"))
                .containsExactly("Acme ledger in Kafka");
        // what the server holds: each tenant has its own decision only
        assertThat(server.contentHashes(acme.tenantId())).hasSize(1);
        assertThat(server.contentHashes(globex.tenantId())).hasSize(1);
    }

    @Test
    void theMcpServerOfAProjectRecordsAndSearchesInThatProjectsProfileAndItsTenantOnly() {
        assertThat(root.in(acmeDirectory).run("push", "decision", "--title", "Acme ledger in Kafka", "--decision", "an event log",
                "--sync").exit()).isZero();
        List<String> command = root.ctxProcess("mcp").command();
        // started elsewhere, as an editor may start it: the project directory Claude Code names decides
        ServerParameters parameters = ServerParameters.builder(command.get(0)).args(command.subList(1, command.size()))
                .env(Map.of("CTX_HOME", home.toString(), "CLAUDE_PROJECT_DIR", globexDirectory.toString())).build();
        StdioClientTransport transport = new StdioClientTransport(parameters, new JacksonMcpJsonMapper(JsonMapper.builder().build()));
        String recordedHash;
        try (McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30))
                .initializationTimeout(Duration.ofSeconds(60)).build()) {
            client.initialize();
            McpSchema.CallToolResult recorded = client.callTool(new McpSchema.CallToolRequest("record_decision",
                    Map.of("title", "Globex ledger in PostgreSQL", "decision", "a table")));
            String answer = ((McpSchema.TextContent) recorded.content().get(0)).text();
            assertThat(recorded.isError()).as(answer).isFalse();
            recordedHash = (String) Json.parseObject(answer).get("content_hash");
            McpSchema.CallToolResult search = client.callTool(new McpSchema.CallToolRequest("search_context", Map.of("query", "ledger")));
            assertThat(((McpSchema.TextContent) search.content().get(0)).text()).contains("Globex ledger").doesNotContain("Acme");
        }

        assertThat(new Ctx(home.resolve("profiles/globex")).count("org.db", "SELECT count(*) FROM decisions")).isEqualTo(1);
        // its background sync ran on the same profile, whatever its working directory: the item reached globex's tenant
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(server.contentHashes(globex.tenantId())).containsExactly(recordedHash));
        assertThat(server.contentHashes(acme.tenantId())).hasSize(1).doesNotContain(recordedHash);
    }

    @Test
    void aProfileFileAnotherUserPlantedAboveTheDirectoryIsIgnored() throws IOException {
        Path shared = Files.createDirectories(work.resolve("shared"));
        Path planted = Files.writeString(shared.resolve(".ctx-profile"), "acme\n");
        Path mine = Files.createDirectories(shared.resolve("mine"));
        UserPrincipal nobody = planted.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        boolean chowned;
        try {
            Files.setOwner(planted, nobody);
            chowned = true;
        } catch (FileSystemException e) {
            chowned = false; // only root may give a file away
        }
        Assumptions.assumeTrue(chowned, "giving a file to another user needs root");

        assertThat(root.in(mine).run("push", "decision", "--title", "Mine", "--decision", "stays in the default profile").exit())
                .isZero();

        assertThat(new Ctx(home).count("org.db", "SELECT count(*) FROM decisions")).isEqualTo(1);
        assertThat(root.in(mine).run("profile", "show", "--json").json()).containsEntry("name", "default");
        Files.setOwner(planted, Files.getOwner(mine));
        assertThat(root.in(mine).run("profile", "show", "--json").json()).as("the same file, the user's own")
                .containsEntry("name", "acme");
    }

    @Test
    void profileListAndShowNameEachAccountItsDirectoryAndWhyItIsUsedHere() throws IOException {
        Ctx.Run list = root.in(globexDirectory).run("profile", "list", "--json");
        Ctx.Run show = root.in(acmeDirectory).run("profile", "show", "--json");
        Ctx.Run status = root.in(acmeDirectory).run("status", "--offline", "--json");

        assertThat(list.exit()).as(list.err()).isZero();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> profiles = (List<Map<String, Object>>) list.json().get("profiles");
        assertThat(profiles).extracting(p -> p.get("name")).containsExactly("default", "acme", "globex");
        assertThat(profiles).extracting(p -> p.get("user_id")).containsExactly(null, "ann", "gil");
        assertThat(list.json().get("here")).isEqualTo(Map.of("profile", "globex",
                "chosen_by", work.toRealPath().resolve("globex-repo/.ctx-profile").toString()));
        assertThat(show.json()).containsEntry("name", "acme").containsEntry("tenant_id", acme.tenantId().toString())
                .containsEntry("directory", home.resolve("profiles/acme").toString())
                .containsEntry("chosen_by", "ctx profile bind of " + work.toRealPath().resolve("acme"))
                .containsEntry("bound_directories", List.of(work.toRealPath().resolve("acme").toString()));
        assertThat(status.json()).containsEntry("profile", "acme");
        // the default profile is the layout from before profiles: its files in CTX_HOME itself
        assertThat(home.resolve("profiles/acme/credentials.json")).exists();
        assertThat(home.resolve("credentials.json")).doesNotExist();
    }

    @Test
    void anUnknownProfileABadNameOrABindingToAMissingDirectoryExitsSixAndWritesNothing() throws IOException {
        Path initech = Files.createDirectories(work.resolve("initech"));
        Files.writeString(initech.resolve(".ctx-profile"), "initech\n");
        Map<String, String> before = snapshot(home);

        List<Map.Entry<Ctx.Run, String>> refused = new java.util.ArrayList<>();
        refused.add(Map.entry(root.run("--profile", "nope", "push", "decision", "--title", "t", "--decision", "d"), "unknown profile \"nope\""));
        refused.add(Map.entry(root.with("CTX_PROFILE", "nope").run("status", "--offline"), "unknown profile \"nope\" (chosen by CTX_PROFILE)"));
        refused.add(Map.entry(root.in(initech).run("push", "decision", "--title", "t", "--decision", "d"), "unknown profile \"initech\""));
        refused.add(Map.entry(root.run("--profile", "../x", "status", "--offline"), "not a profile name: \"../x\""));
        refused.add(Map.entry(root.run("profile", "bind", "../x", acmeDirectory.toString()), "not a profile name: \"../x\""));
        refused.add(Map.entry(root.run("profile", "bind", "acme", work.resolve("missing").toString()), "no such directory"));
        refused.add(Map.entry(root.run("profile", "bind", "nope", acmeDirectory.toString()), "unknown profile \"nope\""));
        refused.add(Map.entry(root.run("profile", "unbind", personal.toString()), "no binding for " + personal.toRealPath()));
        refused.add(Map.entry(root.run("profile", "show", "nope"), "unknown profile \"nope\""));
        refused.add(Map.entry(root.run("login", "--profile", "../x", "--server", server.baseUrl(), "--key", acme.licenseKey()),
                "not a profile name"));

        assertThat(refused).hasSize(10).allSatisfy(refusal -> {
            assertThat(refusal.getKey().exit()).as(refusal.getKey().err()).isEqualTo(6);
            assertThat(refusal.getKey().err()).startsWith("ctx: ").contains(refusal.getValue());
        });
        assertThat(root.run("sync", "--profile").exit()).as("--profile without a name").isEqualTo(2);
        assertThat(login("initech", TestTenantKeys.wrong(acme)).exit()).as("a refused key creates no profile").isEqualTo(3);
        assertThat(snapshot(home)).isEqualTo(before);
    }

    /** Every file under {@code directory} with its size and modification time. */
    private static Map<String, String> snapshot(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            Map<String, String> found = new TreeMap<>();
            for (Path file : files.toList()) {
                found.put(directory.relativize(file).toString(), Files.isDirectory(file) ? "directory"
                        : Files.size(file) + " " + Files.getLastModifiedTime(file).toMillis());
            }
            return found;
        }
    }

    /** A license key of the same shape that the server does not know. */
    private static final class TestTenantKeys {
        static TestTenant wrong(TestTenant tenant) {
            return new TestTenant(tenant.tenantId(), tenant.userId(), tenant.licenseKey() + "x", tenant.keyId());
        }
    }
}
