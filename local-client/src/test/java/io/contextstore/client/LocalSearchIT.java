package io.contextstore.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.testing.Tenants.TestTenant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ctx search}, {@code show} and {@code list} over the FTS5 indexes of the tier files, with a real server for pulls. */
class LocalSearchIT {

    private static final Map<String, List<String>> INDEXED = Map.of(
            "org.db", List.of("decisions", "learnings", "error_solutions"),
            "sessions.db", List.of("messages", "task_events"),
            "projects.db", List.of("project_context"));

    private final TestServer server = TestServer.shared();

    @TempDir
    Path temp;

    private Ctx device(TestTenant member, String device) {
        return server.device(temp, member, device);
    }

    /** FTS5's own check that an external-content index holds exactly its table's rows; throws if not. */
    private static void assertIndexesMatchRows(Ctx ctx) {
        INDEXED.forEach((file, tables) -> {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + ctx.home().resolve(file));
                 Statement statement = c.createStatement()) {
                for (String table : tables) {
                    statement.executeUpdate("INSERT INTO " + table + "_fts (" + table + "_fts, rank) VALUES ('integrity-check', 1)");
                }
            } catch (SQLException e) {
                throw new AssertionError(file + ": the full-text index does not match the rows: " + e.getMessage(), e);
            }
        });
    }

    private static List<Object> results(Ctx ctx, String... args) {
        String[] line = new String[args.length + 2];
        line[0] = "search";
        System.arraycopy(args, 0, line, 1, args.length);
        line[line.length - 1] = "--json";
        Ctx.Run run = ctx.run(line);
        assertThat(run.exit()).as(run.err()).isZero();
        @SuppressWarnings("unchecked")
        List<Object> results = (List<Object>) run.json().get("results");
        return results;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object json) {
        return (Map<String, Object>) json;
    }

    private static void pushAllKinds(Ctx ctx) {
        List<Ctx.Run> pushes = List.of(
                ctx.run("push", "decision", "--title", "Kafka is the system of record", "--decision", "All writes are events",
                        "--tag", "architecture", "--project", "ctx"),
                ctx.run("push", "learning", "--skill", "maven", "--learning", "-pl needs -am for sibling modules"),
                ctx.run("push", "error-solution", "--error", "initdb: cannot be run as root", "--solution", "run it under unshare -U"),
                ctx.run("push", "task", "--task-id", "t-1", "--description", "Write the projector", "--status", "in_progress",
                        "--project", "ctx"),
                ctx.run("push", "message", "--session", "s-1", "--role", "user", "--content", "why is the projector slow?",
                        "--message-id", "m-1"),
                ctx.run("push", "project-context", "--project", "ctx", "--title", "Layout", "--content", "one module per service"));
        assertThat(pushes).extracting(Ctx.Run::exit).containsOnly(0);
    }

    @Test
    void localPushesOfEveryKindAreSearchableAtOnceAndDuplicatesAreIndexedOnce() {
        Ctx ctx = new Ctx(temp.resolve("offline"));
        pushAllKinds(ctx);
        pushAllKinds(ctx);
        ctx.run("push", "task", "--task-id", "t-1", "--description", "Write the projector", "--status", "completed", "--project", "ctx");

        assertThat(results(ctx, "kafka")).hasSize(1);
        assertThat(results(ctx, "sibling modules", "--kind", "learning")).hasSize(1);
        assertThat(results(ctx, "root", "--kind", "error")).hasSize(1);
        assertThat(results(ctx, "module", "--kind", "project")).hasSize(1);
        // one result per task, in its latest state
        assertThat(results(ctx, "projector", "--kind", "task")).singleElement()
                .satisfies(hit -> assertThat(asMap(hit)).containsEntry("status", "completed"));
        assertThat(results(ctx, "projector")).hasSize(2);
        assertThat(results(ctx, "kafka", "--project", "other")).isEmpty();
        assertThat(ctx.count("org.db", "SELECT count(*) FROM decisions_fts WHERE decisions_fts MATCH 'kafka'")).isEqualTo(1);
        assertIndexesMatchRows(ctx);
    }

    @Test
    void pulledItemsAreSearchableWithTheirEventIdAndATierRebuiltFromThePullIsIndexedAgain() throws Exception {
        TestTenant alice = server.tenants().create("alice");
        Ctx laptop = device(alice, "laptop");
        Ctx desktop = device(alice, "desktop");
        pushAllKinds(laptop);
        assertThat(laptop.run("sync").exit()).isZero();
        assertIndexesMatchRows(laptop); // the pull confirmed the local rows: the update trigger ran

        Ctx.Run pull = desktop.run("pull");
        assertThat(pull.exit()).as(pull.err()).isZero();
        Map<String, Object> hit = asMap(results(desktop, "kafka").get(0));
        assertThat(hit).containsEntry("confirmed", true).containsEntry("device", "laptop").containsEntry("kind", "decision");
        Ctx.Run show = desktop.run("show", (String) hit.get("id"), "--json");
        assertThat(show.exit()).as(show.err()).isZero();
        assertThat(show.json()).containsEntry("title", "Kafka is the system of record");
        assertIndexesMatchRows(desktop);

        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(desktop.home().resolve("org.db" + suffix));
        }
        assertThat(results(desktop, "kafka")).isEmpty();
        assertThat(desktop.run("pull").exit()).isZero();
        assertThat(desktop.run("pull").exit()).isZero(); // a second pull of the same rows changes nothing

        assertThat(results(desktop, "kafka")).hasSize(1);
        assertThat(results(desktop, "unshare")).hasSize(1);
        assertIndexesMatchRows(desktop);
    }

    @Test
    void searchShowAndListWorkWithTheServerStopped() {
        TestTenant alice = server.tenants().create("alice");
        Ctx ctx = device(alice, "laptop");
        pushAllKinds(ctx);
        server.stop();
        try {
            assertThat(results(ctx, "projector")).hasSize(2);
            Ctx.Run list = ctx.run("list", "tasks", "--open", "--project", "ctx", "--since", "1h");
            assertThat(list.exit()).as(list.err()).isZero();
            assertThat(list.out()).contains("[task]", "in_progress: Write the projector", "project ctx", "just now", "local:task:1");
            Ctx.Run show = ctx.run("show", "local:decision:1");
            assertThat(show.exit()).isZero();
            assertThat(show.out()).contains("Kafka is the system of record", "All writes are events");
            Ctx.Run text = ctx.run("search", "kafka");
            assertThat(text.out()).contains("[decision]", "[Kafka] is the system of record");
        } finally {
            server.start();
        }
    }

    @Test
    void hostileQueriesNeverCrashTheSearch() {
        Ctx ctx = new Ctx(temp.resolve("hostile"));
        pushAllKinds(ctx);
        for (String query : List.of("\"", "-", ":", "*", "(", ")", "\"unterminated", "a:b", "NEAR(kafka", "kafka OR",
                "AND", "NOT", "-kafka", "^", "kafka*", "**", "'; DROP TABLE decisions; --", "col:kafka -(x)", "\u0000",
                "{\"json\": true}", "résumé", "日本語", "x".repeat(5000), "kafka \"system of\" -maven")) {
            Ctx.Run run = ctx.run("search", query, "--json");
            assertThat(run.exit()).as(query + ": " + run.err()).isZero();
            assertThat(run.json()).containsKey("results");
        }
        assertThat(results(ctx, "kafka \"system of\" -maven")).hasSize(1);
        assertThat(ctx.count("org.db", "SELECT count(*) FROM decisions")).isEqualTo(1);
    }

    @Test
    void aTierFileWrittenBeforeSearchExistedIsIndexedWhenItIsMigrated() throws Exception {
        Ctx ctx = new Ctx(temp.resolve("old"));
        pushAllKinds(ctx);
        // back to the schema of migration 1: no FTS tables, no triggers
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + ctx.home().resolve("org.db"));
             Statement statement = c.createStatement()) {
            for (String table : INDEXED.get("org.db")) {
                for (String trigger : List.of("insert", "delete", "update")) {
                    statement.executeUpdate("DROP TRIGGER " + table + "_fts_" + trigger);
                }
                statement.executeUpdate("DROP TABLE " + table + "_fts");
                statement.executeUpdate("DROP INDEX " + table + "_by_event");
            }
            statement.executeUpdate("INSERT INTO decisions (content_hash, origin, title, decision) VALUES ('h', 'local', 'Written by an old ctx', 'x')");
            statement.executeUpdate("PRAGMA user_version = 1");
        }

        assertThat(results(ctx, "old ctx")).hasSize(1);
        assertThat(results(ctx, "kafka")).hasSize(1);
        assertIndexesMatchRows(ctx);
    }
}
