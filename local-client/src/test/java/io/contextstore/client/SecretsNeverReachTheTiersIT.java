package io.contextstore.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.client.items.Item;
import io.contextstore.client.items.Kind;
import io.contextstore.client.json.Json;
import io.contextstore.events.topic.Topics;
import io.contextstore.redaction.Corpus;
import io.contextstore.testing.ByteSearch;
import io.contextstore.testing.Tenants.TestTenant;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redaction before the queue (ADR 31), end to end: every secret of the corpus, recorded by every path that
 * records content (ctx push, ctx hook, the MCP record tools, import-legacy), is absent from every byte of
 * the home's files (SQLite files with their -wal and -shm, logs) and from Kafka's records after a sync with
 * the real server, which accepts what the client redacted.
 */
class SecretsNeverReachTheTiersIT {

    private final TestServer server = TestServer.shared();
    private final List<Corpus.Sample> secrets = Corpus.positives();
    /** The first secret of each rule: for the MCP tools (each call starts a background sync) and the legacy import. */
    private final List<Corpus.Sample> onePerRule = secrets.stream()
            .collect(java.util.stream.Collectors.toMap(Corpus.Sample::rule, sample -> sample, (a, b) -> a, java.util.TreeMap::new))
            .values().stream().toList();

    @TempDir
    Path temp;

    @Test
    @SuppressWarnings("unchecked")
    void noSecretRecordedByPushHookMcpOrLegacyImportReachesAnySqliteFileOrKafka() throws Exception {
        TestTenant alice = server.tenants().create("alice");
        Ctx ctx = server.device(temp, alice, "laptop");
        List<Object> items = new ArrayList<>();
        List<Object> todos = new ArrayList<>();
        for (int i = 0; i < secrets.size(); i++) {
            String text = secrets.get(i).text();
            items.add(Map.of("kind", "message", "message_id", "m-" + i, "session_id", "s-1", "role", "user", "content", text));
            items.add(Map.of("kind", "task", "task_id", "t-" + i, "description", text, "status", "in_progress"));
            todos.add(Map.of("id", "h-" + i, "content", text, "status", "pending", "activeForm", "Working"));
        }

        Ctx.Run pushed = ctx.runWithInput(Json.write(Map.of("items", items)), "push", "item", "-");
        Ctx.Run hooked = ctx.runWithInput(Json.write(Map.of("session_id", "s-1", "hook_event_name", "PostToolUse",
                "tool_name", "TodoWrite", "cwd", "/work/app", "tool_input", Map.of("todos", todos), "tool_response", Map.of())), "hook");
        recordThroughMcp(ctx);
        Ctx.Run imported = ctx.run("import-legacy", legacyQueue().toString());

        assertThat(pushed.exit()).as(pushed.err()).isZero();
        assertThat(hooked.exit()).as(hooked.err()).isZero();
        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(secretsIn(ctx.home())).as("before the sync").isEmpty();

        Ctx.Run sync = ctx.run("sync", "--json");

        assertThat(sync.exit()).as(sync.err()).isZero();
        assertThat(sync.json()).containsEntry("dead", 0L).containsEntry("pending", 0L);
        assertThat(server.events(alice.tenantId())).hasSizeGreaterThanOrEqualTo(3 * secrets.size() + 2 * onePerRule.size());
        assertThat(secretsIn(ctx.home())).as("after the sync and its pull").isEmpty();
        assertThat(new io.contextstore.testing.TopicReader(server.infrastructure().kafkaBootstrapServers())
                .held(Topics.CONTEXT_EVENTS.name(), secrets.stream().map(Corpus.Sample::secret).toList())).isEmpty();
        Map<String, Object> redactions = (Map<String, Object>) ctx.run("status", "--offline", "--json").json().get("redactions");
        for (Corpus.Sample sample : secrets) {
            assertThat((Long) redactions.get(sample.rule())).as(sample.rule()).isGreaterThanOrEqualTo(5L);
        }
    }

    @Test
    void theContentHashIsTheRedactedItemsAndAnAllowedStringIsKept() throws Exception {
        Path home = temp.resolve("offline");
        Files.createDirectories(home);
        Corpus.Sample allowed = secrets.stream().filter(sample -> sample.rule().equals("npm-token")).findFirst().orElseThrow();
        Corpus.Sample refused = secrets.stream().filter(sample -> sample.rule().equals("github-token")).findFirst().orElseThrow();
        Files.writeString(home.resolve("redaction-allowlist"), "# a fixture of our tests\n" + allowed.secret() + "\n");
        Item given = Item.of(Kind.DECISION, Map.of("title", "tokens", "decision", allowed.text() + "\n" + refused.text(),
                "tags", List.of("ci", refused.secret())), Instant.parse("2026-12-01T10:00:00Z"));

        try (LocalContext context = LocalContext.open(new ClientHome(home), Clock.systemUTC(), new SplittableRandom(1))) {
            context.record(given);
        }

        Ctx ctx = new Ctx(home);
        Item expected = Item.of(Kind.DECISION, Map.of("title", "tokens", "decision", allowed.text() + "\n"
                + refused.text().replace(refused.secret(), "[REDACTED:github-token]"), "tags", List.of("ci", "[REDACTED:github-token]")),
                Instant.parse("2026-12-01T10:00:00Z"));
        assertThat(ctx.strings("sessions.db", "SELECT content_hash FROM sync_queue")).containsExactly(expected.contentHash());
        assertThat(ctx.strings("sessions.db", "SELECT payload FROM sync_queue")).singleElement()
                .satisfies(payload -> assertThat(Json.parseObject(payload)).isEqualTo(Json.parseObject(expected.payload())));
        assertThat(ctx.strings("org.db", "SELECT content_hash FROM decisions")).containsExactly(expected.contentHash());
        assertThat(ctx.strings("sessions.db", "SELECT rule || '=' || redactions FROM redaction_counts"))
                .containsExactly("github-token=2");
        assertThat(ctx.run("status", "--offline").out()).contains("Redacted:  2 github-token");
    }

    private void recordThroughMcp(Ctx ctx) {
        List<String> log = new CopyOnWriteArrayList<>();
        try (McpSyncClient client = McpServerIT.connect(ctx, log)) {
            for (int i = 0; i < onePerRule.size(); i++) {
                McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("record_decision",
                        Map.of("title", "mcp " + i, "decision", onePerRule.get(i).text())));
                assertThat(result.isError()).as(String.join("\n", log)).isNotEqualTo(Boolean.TRUE);
            }
        }
        assertThat(secrets).noneMatch(sample -> String.join("\n", log).contains(sample.secret()));
    }

    /** A queue of the ADR-053 client holding a secret of each rule in a decision. */
    private Path legacyQueue() throws Exception {
        Path file = temp.resolve("legacy.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement statement = c.createStatement()) {
            statement.executeUpdate("CREATE TABLE sync_queue (id INTEGER PRIMARY KEY, action TEXT, payload TEXT, created_at TEXT,"
                    + " attempts INTEGER)");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO sync_queue (action, payload, created_at, attempts)"
                    + " VALUES ('push_decision', ?, '2026-02-03 11:00:00', 0)")) {
                for (int i = 0; i < onePerRule.size(); i++) {
                    insert.setString(1, Json.write(Map.of("title", "legacy " + i, "decision", onePerRule.get(i).text())));
                    insert.executeUpdate();
                }
            }
        }
        return file;
    }

    /** The secrets some file of the home holds, byte for byte: the SQLite files with their -wal and -shm, and the rest. */
    private List<String> secretsIn(Path home) {
        List<byte[]> files = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(home)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                files.add(Files.readAllBytes(path));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(4);
        return secrets.stream().map(Corpus.Sample::secret).filter(secret -> {
            byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
            return files.stream().anyMatch(bytes -> ByteSearch.contains(bytes, needle));
        }).toList();
    }
}
