package io.contextstore.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.client.tiers.TierSchemas;
import io.contextstore.client.tiers.Tier;
import io.contextstore.client.tiers.TierDatabase;
import io.contextstore.testing.ApiClient;
import io.contextstore.testing.Tenants.TestTenant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A home written by release 1 of {@code ctx}, whose cursors were "the offset of the last event seen",
 * upgraded to positions (ADR 8): the next sync pulls exactly the events it had not seen, none skipped
 * and none applied twice.
 */
class UpgradeIT {

    private final TestServer server = TestServer.shared();

    @TempDir
    Path home;

    @Test
    void aReleaseOneHomeUpgradedSkipsNothingAndRepeatsNothingOnItsNextSync() throws Exception {
        TestTenant alice = server.tenants().create("alice");
        ApiClient api = new ApiClient(server.baseUrl());
        String desktop = api.login(alice.licenseKey(), "desktop");
        for (int i = 0; i < 3; i++) {
            push(api, desktop, "decisions", Map.of("title", "seen " + i, "decision", "d"));
        }
        long seenUntil = push(api, desktop, "tasks", Map.of("task_id", "t-1", "description", "seen", "status", "pending"));
        JsonNode seen = pullAll(api, desktop, seenUntil);
        writeReleaseOneHome(seen);
        Ctx laptop = new Ctx(home);
        assertThat(laptop.run("login", "--server", server.baseUrl(), "--key", alice.licenseKey(), "--device", "laptop")
                .exit()).isZero();
        push(api, desktop, "decisions", Map.of("title", "new", "decision", "d"));
        push(api, desktop, "tasks", Map.of("task_id", "t-1", "description", "seen", "status", "completed"));
        long end = push(api, desktop, "project-context", Map.of("project_id", "ctx", "title", "new", "content", "c"));
        pullAll(api, desktop, end);

        Ctx.Run sync = laptop.run("sync", "--json");

        assertThat(sync.exit()).as(sync.err()).isZero();
        assertThat(sync.json()).containsEntry("pulled", 3L);
        assertThat(laptop.strings("org.db", "SELECT title FROM decisions ORDER BY cursor"))
                .containsExactly("seen 0", "seen 1", "seen 2", "new");
        assertThat(laptop.strings("sessions.db", "SELECT status FROM task_events ORDER BY cursor"))
                .containsExactly("pending", "completed");
        assertThat(laptop.strings("sessions.db", "SELECT status FROM tasks")).containsExactly("completed");
        assertThat(laptop.strings("projects.db", "SELECT title FROM project_context")).containsExactly("new");
        assertThat(laptop.count("org.db", "PRAGMA user_version")).isEqualTo(TierDatabase.latestVersion(Tier.ORG));
        assertThat(laptop.run("sync", "--json").json()).containsEntry("pulled", 0L);
    }

    /** What release 1 left after pulling {@code seen}: its rows with cursor = offset, and each tier's cursor the last offset. */
    private void writeReleaseOneHome(JsonNode page) throws SQLException, java.io.IOException {
        Files.createDirectories(home);
        for (Tier tier : List.of(Tier.ORG, Tier.SESSIONS, Tier.PROJECTS)) {
            TierSchemas.createReleaseOne(home, tier);
        }
        long oldCursor = page.get("next_cursor").longValue() - 1;
        List<JsonNode> events = new ArrayList<>();
        page.get("events").forEach(events::add);
        try (Connection org = sqlite("org.db"); Connection sessions = sqlite("sessions.db"); Connection projects = sqlite("projects.db")) {
            for (JsonNode event : events) {
                boolean decision = event.get("kind").stringValue().equals("decision");
                try (PreparedStatement insert = (decision ? org : sessions).prepareStatement(decision
                        ? "INSERT INTO decisions (content_hash, event_id, cursor, user_id, device_id, origin, title, decision)"
                                + " VALUES (?, ?, ?, 'alice', 'desktop', 'pull', ?, ?)"
                        : "INSERT INTO task_events (content_hash, event_id, cursor, user_id, device_id, origin, task_id, status,"
                                + " description) VALUES (?, ?, ?, 'alice', 'desktop', 'pull', ?, ?, 'seen')")) {
                    insert.setString(1, event.get("content_hash").stringValue());
                    insert.setString(2, event.get("id").stringValue());
                    insert.setLong(3, event.get("offset").longValue());
                    JsonNode data = event.get("data");
                    insert.setString(4, decision ? data.get("title").stringValue() : data.get("task_id").stringValue());
                    insert.setString(5, decision ? data.get("decision").stringValue() : data.get("status").stringValue());
                    insert.executeUpdate();
                }
            }
            for (Connection tier : List.of(org, sessions, projects)) {
                try (PreparedStatement cursor = tier.prepareStatement("INSERT INTO sync_state (name, value) VALUES ('cursor', ?)")) {
                    cursor.setString(1, Long.toString(oldCursor));
                    cursor.executeUpdate();
                }
            }
        }
    }

    private Connection sqlite(String file) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + home.resolve(file));
    }

    private static long push(ApiClient api, String token, String endpoint, Map<String, Object> item) {
        ApiClient.Response response = api.post("/api/v1/context/" + endpoint + "/", token, ApiClient.json(item));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("cursor").longValue();
    }

    private static JsonNode pullAll(ApiClient api, String token, long until) {
        Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> api.get("/api/v1/context/status", token).json().get("watermark").longValue() >= until);
        JsonNode page = api.get("/api/v1/context/pull?cursor=0&limit=1000", token).json();
        assertThat(page.get("has_more").booleanValue()).isFalse();
        return page;
    }
}
