package io.contextstore.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.events.ContextEvent;
import io.contextstore.testing.ApiClient;
import io.contextstore.testing.Tenants.TestTenant;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ctx import-legacy} on sessions.db files of the ADR-053 client, in both shapes of its queue:
 * everything it can map reaches the server once, what it cannot stays in place and is named, and a
 * second import queues nothing.
 */
class LegacyImportIT {

    private static final String TASK = "{\"task_id\": \"T-1\", \"description\": \"Fix the login bug\", \"status\": \"pending\","
            + " \"outcome\": \"\", \"project_id\": \"\", \"tool_success_count\": 0, \"tool_error_count\": 0, \"user_corrections\": 0}";
    private static final String SYNCED = "{\"task_id\": \"T-0\", \"description\": \"Already synced\", \"status\": \"completed\","
            + " \"outcome\": \"done\", \"project_id\": \"\", \"tool_success_count\": 2, \"tool_error_count\": 0, \"user_corrections\": 0}";

    private final TestServer server = TestServer.shared();

    @TempDir
    Path directory;

    @Test
    void bothQueueShapesAreImportedOnceMalformedRowsStayAndAnAlreadySyncedItemIsNotDuplicated() throws Exception {
        TestTenant alice = server.tenants().create("alice");
        ApiClient api = new ApiClient(server.baseUrl());
        api.post("/api/v1/context/tasks/", api.login(alice.licenseKey(), "old-laptop"), SYNCED);
        Path first = legacy("first.db", "CREATE TABLE sync_queue (id INTEGER PRIMARY KEY, payload TEXT, created_at TEXT)",
                "INSERT INTO sync_queue (payload, created_at) VALUES ('" + TASK + "', '2026-02-03 10:00:00')",
                "INSERT INTO sync_queue (payload, created_at) VALUES ('" + SYNCED + "', '2026-02-03 10:00:01')");
        Path second = legacy("second.db", "CREATE TABLE sync_queue (id INTEGER PRIMARY KEY, action TEXT, payload TEXT,"
                        + " created_at TEXT, attempts INTEGER)",
                "INSERT INTO sync_queue (action, payload, created_at, attempts) VALUES ('push_decision',"
                        + " '{\"title\": \"Keep the queue\", \"decision\": \"import it\"}', '2026-02-03 11:00:00', 0)",
                "INSERT INTO sync_queue (action, payload, created_at, attempts) VALUES ('push_message',"
                        + " '{\"session_id\": \"s1\", \"message_id\": \"1\", \"role\": \"user\", \"content\": \"ok\"}',"
                        + " '2026-02-03 11:00:01', 3)",
                "INSERT INTO sync_queue (action, payload, created_at, attempts) VALUES ('push_task', '{\"task_id\": ',"
                        + " '2026-02-03 11:00:02', 1)");
        Ctx ctx = new Ctx(directory.resolve("home"));
        assertThat(ctx.run("login", "--server", server.baseUrl(), "--key", alice.licenseKey(), "--device", "laptop").exit())
                .isZero();

        Ctx.Run fromFirst = ctx.run("import-legacy", first.toString(), "--json");
        Ctx.Run fromSecond = ctx.run("import-legacy", second.toString());
        Ctx.Run again = ctx.run("import-legacy", second.toString(), "--json");
        Ctx.Run sync = ctx.run("sync", "--json");

        assertThat(fromFirst.exit()).as(fromFirst.err()).isZero();
        assertThat((List<?>) fromFirst.json().get("queued")).hasSize(2);
        assertThat(fromSecond.out()).contains("queued 2 item(s)");
        assertThat(fromSecond.err()).contains("row 3 not imported (left in place): payload is not a JSON object");
        assertThat((List<?>) again.json().get("queued")).isEmpty();
        assertThat((List<?>) again.json().get("already_imported")).hasSize(2);
        assertThat(sync.exit()).as(sync.err()).isZero();
        assertThat(sync.json()).containsEntry("created", 3L).containsEntry("dead", 0L);
        List<ContextEvent> onServer = server.events(alice.tenantId());
        assertThat(onServer).hasSize(4);
        assertThat(onServer).extracting(e -> e.getPayload().getClass().getSimpleName())
                .containsExactlyInAnyOrder("TaskTracked", "TaskTracked", "DecisionRecorded", "MessagePushed");
        assertThat(rows(second)).as("the legacy file is never changed").isEqualTo(3);
        assertThat(ctx.count("sessions.db", "SELECT count(*) FROM sync_queue")).isZero();
    }

    private Path legacy(String name, String... statements) throws SQLException {
        Path file = directory.resolve(name);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement statement = c.createStatement()) {
            for (String sql : statements) {
                statement.executeUpdate(sql);
            }
        }
        return file;
    }

    private static long rows(Path file) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement statement = c.createStatement();
             var result = statement.executeQuery("SELECT count(*) FROM sync_queue")) {
            result.next();
            return result.getLong(1);
        }
    }
}
