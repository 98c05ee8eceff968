package io.contextstore.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.contextstore.client.json.Json;
import io.contextstore.testing.ApiClient;
import io.contextstore.testing.Tenants.TestTenant;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** {@code ctx mcp} as its own process, driven by the MCP Java SDK's own client over stdio, with the real server behind it. */
class McpServerIT {

    private final TestServer server = TestServer.shared();
    private final List<String> serverLog = new CopyOnWriteArrayList<>();

    @TempDir
    Path temp;

    /** The SDK's client spawning {@code ctx mcp} the way {@link Ctx#ctxProcess} runs the command. */
    private McpSyncClient connect(Ctx ctx) {
        return connect(ctx, serverLog);
    }

    /** Also for other tests that record through MCP; {@code log} collects the server's stderr. */
    static McpSyncClient connect(Ctx ctx, List<String> log, String... options) {
        List<String> command = ctx.ctxProcess(java.util.stream.Stream.concat(java.util.stream.Stream.of("mcp"),
                java.util.stream.Stream.of(options)).toArray(String[]::new)).command();
        ServerParameters parameters = ServerParameters.builder(command.get(0)).args(command.subList(1, command.size()))
                .env(Map.of("CTX_HOME", ctx.home().toString())).build();
        StdioClientTransport transport = new StdioClientTransport(parameters, new JacksonMcpJsonMapper(JsonMapper.builder().build()));
        transport.setStdErrorHandler(log::add);
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30))
                .initializationTimeout(Duration.ofSeconds(60)).build();
        client.initialize();
        return client;
    }

    private static McpSchema.CallToolResult call(McpSyncClient client, String tool, Map<String, Object> arguments) {
        return client.callTool(new McpSchema.CallToolRequest(tool, arguments));
    }

    private static String text(McpSchema.CallToolResult result) {
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> results(McpSchema.CallToolResult result) {
        return (List<Map<String, Object>>) (List<?>) Json.parseObject(text(result)).get("results");
    }

    @Test
    void anMcpClientListsTheToolsSearchesAndRecordsADecisionThatReachesTheServer() {
        TestTenant alice = server.tenants().create("alice");
        Ctx ctx = server.device(temp, alice, "laptop");
        ctx.run("push", "error-solution", "--error", "initdb: cannot be run as root", "--solution", "run it under unshare -U");
        ctx.run("push", "task", "--task-id", "t-1", "--description", "Serve search over MCP", "--status", "in_progress",
                "--project", "ctx");
        assertThat(ctx.run("sync").exit()).isZero();
        // a teammate's decision that this machine has not pulled: only the server can find it
        ApiClient api = new ApiClient(server.baseUrl());
        TestTenant bob = server.tenants().member(alice.tenantId(), "bob");
        long pushed = api.post("/api/v1/context/decisions/", api.login(bob.licenseKey(), "bobs-laptop"), ApiClient.json(
                Map.of("title", "Partitions are keyed by tenant", "decision", "one tenant, one partition"))).json()
                .get("cursor").longValue();
        // search indexes behind the projector: wait until the search watermark passes the push
        String bobs = api.login(bob.licenseKey(), "bobs-laptop");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/v1/context/search?q=x&limit=1",
                bobs).json().get("watermark").longValue() >= pushed);

        try (McpSyncClient client = connect(ctx, serverLog, "--no-watch")) { // or the live sync brings bob's decision here
            assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name).containsExactlyInAnyOrder("search_context",
                    "get_item", "list_open_tasks", "record_decision", "record_learning", "record_error_solution", "edit_item",
                    "retract_item", "item_history", "list_conflicts");
            assertThat(client.listTools().tools()).allSatisfy(tool -> {
                assertThat(tool.description()).hasSizeGreaterThan(40);
                assertThat(tool.inputSchema()).containsEntry("type", "object").containsKey("properties");
            });

            McpSchema.CallToolResult search = call(client, "search_context", Map.of("query", "initdb root"));
            assertThat(search.isError()).as(text(search)).isFalse();
            assertThat(results(search)).first().satisfies(hit -> {
                assertThat(hit).containsEntry("source", "local").containsEntry("kind", "error_solution");
                assertThat(hit.get("body")).isEqualTo("run it under unshare -U");
            });
            // the server answered (no note); what this machine holds is shown once, as its local copy
            assertThat(results(search)).extracting(hit -> hit.get("source")).containsOnly("local");
            assertThat(Json.parseObject(text(search))).doesNotContainKey("note");
            assertThat(results(call(client, "search_context", Map.of("query", "partitions keyed tenant")))).first()
                    .satisfies(hit -> assertThat(hit).containsEntry("source", "server").containsEntry("kind", "decision"));
            String id = (String) results(search).get(0).get("id");
            McpSchema.CallToolResult item = call(client, "get_item", Map.of("id", id));
            assertThat(text(item)).contains("unshare -U");
            assertThat(text(call(client, "list_open_tasks", Map.of("project", "ctx")))).contains("Serve search over MCP");

            McpSchema.CallToolResult recorded = call(client, "record_decision", Map.of("title", "MCP tools queue like ctx push",
                    "decision", "record_* tools write to the durable queue, then sync in the background", "tags", List.of("mcp")));
            assertThat(recorded.isError()).as(text(recorded)).isFalse();
            assertThat(text(recorded)).contains("background sync started");
            assertThat(results(call(client, "search_context", Map.of("query", "durable queue")))).isNotEmpty();
            McpSchema.CallToolResult personal = call(client, "record_learning", Map.of("skill", "negotiation",
                    "learning", "mine alone", "personal", true));
            assertThat(personal.isError()).as(text(personal)).isFalse();
            assertThat(call(client, "record_learning", Map.of("skill", "s", "learning", "l", "personal", "yes")).isError())
                    .isTrue();
        }
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(server.events(alice.tenantId())).filteredOn(event -> event.getScope() != null
                        && "personal".equals(event.getScope().getLevel()) && "learning".equals(
                                io.contextstore.events.EventKind.of(event).wireName())).hasSize(1));

        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(server.contentHashes(alice.tenantId()))
                        .contains(ctx.strings("org.db", "SELECT content_hash FROM decisions WHERE title = 'MCP tools queue like ctx push'")
                                .toArray(String[]::new)));
        assertThat(ctx.count("org.db", "SELECT count(*) FROM decisions WHERE title = 'MCP tools queue like ctx push'")).isEqualTo(1);
    }

    @Test
    void whileItServesATeammatesDecisionReachesTheLocalTiersAndLocalSearchWithoutASync() {
        TestTenant alice = server.tenants().create("alice");
        Ctx ctx = server.device(temp, alice, "laptop");
        ApiClient api = new ApiClient(server.baseUrl());
        String bobs = api.login(server.tenants().member(alice.tenantId(), "bob").licenseKey(), "bobs-laptop");
        try (McpSyncClient client = connect(ctx)) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> serverLog.stream().anyMatch(line -> line.contains("watching: connected")));
            api.post("/api/v1/context/decisions/", bobs, ApiClient.json(
                    Map.of("title", "Streams wake the tiers", "decision", "no ctx sync needed while MCP serves")));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                    ctx.count("org.db", "SELECT count(*) FROM decisions WHERE title = 'Streams wake the tiers'") == 1);
            assertThat(results(call(client, "search_context", Map.of("query", "streams wake tiers")))).first()
                    .satisfies(hit -> assertThat(hit).containsEntry("source", "local").containsEntry("kind", "decision"));
        }
        assertThat(serverLog).as("the live sync stopped with the server, quietly").noneMatch(line -> line.contains("live sync stopped"));
    }

    @Test
    void anAssistantEditsAndRetractsAnItemAndReadsItsHistoryAllOfWhichReachTheServer() {
        TestTenant alice = server.tenants().create("alice");
        Ctx ctx = server.device(temp, alice, "laptop");
        assertThat(ctx.run("push", "decision", "--title", "Serialization", "--decision", "JSON").exit()).isZero();
        assertThat(ctx.run("sync").exit()).isZero();
        String first = ctx.strings("org.db", "SELECT event_id FROM decisions WHERE title = 'Serialization'").get(0);
        String current = "SELECT event_id FROM decisions WHERE title = 'Serialization' AND decision = 'Avro' AND cursor IS NOT NULL";

        try (McpSyncClient client = connect(ctx)) {
            McpSchema.CallToolResult edited = call(client, "edit_item", Map.of("id", first, "changes", Map.of("decision", "Avro")));
            assertThat(edited.isError()).as(text(edited)).isFalse();
            assertThat(text(edited)).contains("background sync started");
            assertThat(call(client, "edit_item", Map.of("id", first, "changes", Map.of("colour", "red"))).isError()).isTrue();
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                assertThat(ctx.run("sync").exit()).isZero();
                assertThat(ctx.strings("org.db", current)).hasSize(1);
            });
            String version = ctx.strings("org.db", current).get(0);
            assertThat(ctx.count("org.db", "SELECT count(*) FROM decisions WHERE title = 'Serialization'")).isOne();
            Map<String, Object> history = Json.parseObject(text(call(client, "item_history", Map.of("id", version))));
            assertThat(history).containsEntry("item_id", first);
            assertThat((List<?>) history.get("versions")).hasSize(2);

            McpSchema.CallToolResult retracted = call(client, "retract_item", Map.of("id", version, "reason", "we keep JSON"));
            assertThat(retracted.isError()).as(text(retracted)).isFalse();
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                assertThat(ctx.run("sync").exit()).isZero();
                assertThat(ctx.count("org.db", "SELECT count(*) FROM decisions WHERE title = 'Serialization'")).isZero();
            });
            // the item left this machine; its history is the server's, asked through a version the machine still names
            assertThat(ctx.run("history", first, "--kind", "decision").out()).contains("retracted").contains("we keep JSON");
        }
    }

    @Test
    void anAssistantListsAConflictOfItsMachineAndResolvesItWithAnEditAfterWhichNothingIsInConflict() {
        TestTenant alice = server.tenants().create("alice");
        Ctx laptop = server.device(temp, alice, "laptop");
        Ctx desktop = server.device(temp, alice, "desktop");
        assertThat(laptop.run("push", "decision", "--title", "Build tool", "--decision", "Maven").exit()).isZero();
        assertThat(laptop.run("sync").exit()).isZero();
        assertThat(desktop.run("sync").exit()).isZero();
        String first = laptop.strings("org.db", "SELECT event_id FROM decisions WHERE title = 'Build tool'").get(0);
        assertThat(desktop.run("edit", first, "--set", "decision=Gradle", "--sync").exit()).isZero();
        assertThat(laptop.run("edit", first, "--set", "decision=Bazel").exit()).isZero(); // offline meanwhile
        assertThat(laptop.run("sync").exit()).isZero();
        String resolved = "SELECT count(*) FROM decisions WHERE title = 'Build tool' AND decision = 'Gradle, Bazel for the monorepo'"
                + " AND cursor IS NOT NULL";

        try (McpSyncClient client = connect(laptop)) {
            McpSchema.CallToolResult listed = call(client, "list_conflicts", Map.of());
            assertThat(listed.isError()).as(text(listed)).isFalse();
            Map<String, Object> answer = Json.parseObject(text(listed));
            assertThat(answer).containsEntry("source", "local");
            assertThat(maps(answer.get("conflicts"))).singleElement().satisfies(conflict -> {
                assertThat(conflict).containsEntry("item_id", first).containsEntry("kind", "decision");
                assertThat(maps(conflict.get("versions"))).extracting(version -> (Object) ((Map<?, ?>) version.get("data")).get("decision"))
                        .containsExactlyInAnyOrder("Gradle", "Bazel");
            });
            assertThat(results(call(client, "search_context", Map.of("query", "build tool")))).filteredOn(hit ->
                    "local".equals(hit.get("source"))).hasSize(2).allSatisfy(hit ->
                    assertThat(hit).containsEntry("item_id", first).containsEntry("conflict", true));

            String version = (String) maps(maps(answer.get("conflicts")).get(0).get("versions")).get(0).get("id");
            McpSchema.CallToolResult edited = call(client, "edit_item", Map.of("id", version,
                    "changes", Map.of("decision", "Gradle, Bazel for the monorepo")));
            assertThat(edited.isError()).as(text(edited)).isFalse();
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                assertThat(laptop.run("sync").exit()).isZero();
                assertThat(laptop.count("org.db", resolved)).isOne();
            });
            assertThat(laptop.count("org.db", "SELECT count(*) FROM decisions WHERE title = 'Build tool'")).isOne();
            assertThat(maps(Json.parseObject(text(call(client, "list_conflicts", Map.of()))).get("conflicts"))).isEmpty();
            assertThat(results(call(client, "search_context", Map.of("query", "build tool")))).filteredOn(hit ->
                    "local".equals(hit.get("source"))).singleElement().satisfies(hit ->
                    assertThat(hit).containsEntry("item_id", first).containsEntry("conflict", false));
        }
        assertThat(desktop.run("sync").exit()).isZero();
        assertThat(desktop.run("conflicts", "--local").out()).contains("no conflicts on this machine");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object json) {
        return (List<Map<String, Object>>) json;
    }

    @Test
    void badArgumentsAreToolErrorsWithAReasonAndTheServerKeepsAnswering() {
        Ctx ctx = new Ctx(temp.resolve("offline"));
        try (McpSyncClient client = connect(ctx)) {
            List<McpSchema.CallToolResult> errors = List.of(
                    call(client, "search_context", Map.of()),
                    call(client, "search_context", Map.of("query", "x", "limit", 0)),
                    call(client, "record_decision", Map.of("title", 42, "decision", "d")),
                    call(client, "record_learning", Map.of("skill", "maven")),
                    call(client, "get_item", Map.of("id", "local:decision:999")));
            assertThat(errors).allSatisfy(result -> {
                assertThat(result.isError()).isTrue();
                assertThat(text(result)).isNotBlank();
            });

            McpSchema.CallToolResult offline = call(client, "record_learning", Map.of("skill", "mcp", "learning", "works offline"));
            assertThat(offline.isError()).as(text(offline)).isFalse();
            assertThat(text(offline)).contains("not logged in");
            assertThat(results(call(client, "search_context", Map.of("query", "\"( -: *")))).isEmpty();
        }
        assertThat(ctx.count("sessions.db", "SELECT count(*) FROM sync_queue WHERE kind = 'learning'")).isEqualTo(1);
    }

    @Test
    void stdoutCarriesOnlyProtocolFrames() throws Exception {
        Ctx ctx = new Ctx(temp.resolve("frames"));
        Process process = ctx.ctxProcess("mcp").start();
        List<String> lines = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(90), () -> {
            try (OutputStream in = process.getOutputStream();
                 BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                in.write(("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                        + "\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}\n"
                        + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n"
                        + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"search_context\","
                        + "\"arguments\":{\"query\":\"anything\"}}}\n").getBytes(StandardCharsets.UTF_8));
                in.flush();
                String line;
                while ((line = out.readLine()) != null) {
                    lines.add(line);
                    if (line.contains("\"id\":2")) {
                        break;
                    }
                }
                in.close(); // the client goes away: the server ends
                while ((line = out.readLine()) != null) {
                    lines.add(line);
                }
            }
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        });

        assertThat(lines).hasSizeGreaterThanOrEqualTo(2).allSatisfy(line ->
                assertThat(Json.parseObject(line)).containsEntry("jsonrpc", "2.0"));
        assertThat(process.exitValue()).isZero();
    }
}
