package io.contextstore.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.events.ErasedAuthor;
import io.contextstore.platform.db.ServiceRole;
import io.contextstore.stack.admin.AdminCommand;
import io.contextstore.testing.Infrastructure;
import io.contextstore.testing.Tenants.TestTenant;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Erasure reaches the devices (ADR 33): after {@code admin erase-user}, the next pull of another device of
 * the user deletes the user's messages and tasks from its tier files, and every device of the tenant keeps
 * the user's shared items without their name (a personal decision of theirs goes, ADR 36); the other user's rows stay.
 */
class ErasurePurgeIT {

    private final TestServer server = TestServer.shared();

    @TempDir
    Path temp;

    @Test
    void aSecondDevicePurgesAnErasedUsersRowsAtItsNextPullAndTeammatesKeepTheirSharedItemsWithoutTheirName() throws IOException {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        TestTenant alice = server.tenants().create("alice-" + marker);
        TestTenant bob = server.tenants().member(alice.tenantId(), "bob-" + marker);
        Ctx laptop = server.device(temp, alice, "laptop");
        Ctx desktop = server.device(temp, alice, "desktop");
        Ctx bobs = server.device(temp, bob, "laptop");
        ok(laptop.run("push", "message", "--session", "s-1", "--role", "user", "--content", "alice-note-" + marker));
        ok(laptop.run("push", "task", "--task-id", "t-1", "--description", "alice-task-" + marker, "--status", "in_progress"));
        ok(laptop.run("push", "decision", "--title", "team-" + marker, "--decision", "kept for the team"));
        ok(laptop.run("push", "decision", "--personal", "--title", "hers-" + marker, "--decision", "erased with her"));
        ok(bobs.run("push", "message", "--session", "s-9", "--role", "user", "--content", "bob-note-" + marker));
        ok(laptop.run("sync"));
        ok(bobs.run("sync"));
        ok(desktop.run("sync"));
        ok(bobs.run("sync"));
        assertThat(desktop.count("sessions.db", "SELECT count(*) FROM messages WHERE content = 'alice-note-" + marker + "'")).isOne();
        assertThat(desktop.count("sessions.db", "SELECT count(*) FROM task_events WHERE user_id = '" + alice.userId() + "'")).isOne();
        assertThat(bobs.strings("org.db", "SELECT user_id FROM decisions WHERE title = 'team-" + marker + "'"))
                .containsExactly(alice.userId());
        assertThat(desktop.count("org.db", "SELECT count(*) FROM decisions WHERE title = 'hers-" + marker + "'")).isOne();
        assertThat(bobs.count("org.db", "SELECT count(*) FROM decisions WHERE title = 'hers-" + marker + "'")).isZero();

        int erased = new CommandLine(new AdminCommand()).execute("erase-user", "--tenant", alice.tenantId().toString(),
                "--user", alice.userId(), "--database-url", server.infrastructure().databaseUrl(),
                "--database-password", Infrastructure.password(ServiceRole.ADMIN),
                "--bootstrap-servers", server.infrastructure().kafkaBootstrapServers());
        assertThat(erased).isZero();

        // each tier applies the erasure when its own pull reaches it: org.db is pulled before sessions.db, so one sync
        // can find the erasure projected for the second tier and not yet for the first
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            ok(desktop.run("sync"));
            assertThat(desktop.count("sessions.db", "SELECT count(*) FROM messages")).isZero();
            assertThat(desktop.strings("org.db", "SELECT user_id FROM decisions WHERE title = 'team-" + marker + "'"))
                    .containsExactly(ErasedAuthor.NAME);
        });
        assertThat(desktop.count("sessions.db", "SELECT count(*) FROM task_events")).isZero();
        // Nor in the file's bytes: not in freed pages, the full-text index or the write-ahead log. (The
        // marker also names the shared decision, but that lives in org.db.)
        assertThat(bytesOf(desktop.home(), "sessions.db")).doesNotContain(marker);
        assertThat(desktop.run("search", "alice-note-" + marker).out()).doesNotContain("alice-note");
        assertThat(desktop.strings("org.db", "SELECT user_id FROM decisions WHERE title = 'team-" + marker + "'"))
                .containsExactly(ErasedAuthor.NAME);
        assertThat(desktop.count("org.db", "SELECT count(*) FROM decisions WHERE title = 'hers-" + marker + "'"))
                .as("her personal decision goes with her, as her messages").isZero();
        assertThat(desktop.run("search", "hers-" + marker).out()).doesNotContain("hers-");
        ok(bobs.run("sync"));
        assertThat(bobs.strings("org.db", "SELECT user_id FROM decisions WHERE title = 'team-" + marker + "'"))
                .containsExactly(ErasedAuthor.NAME);
        assertThat(bobs.count("sessions.db", "SELECT count(*) FROM messages WHERE content = 'bob-note-" + marker + "'")).isOne();
    }

    /** Every file of a tier (the database, its write-ahead log and shared memory) as Latin-1 text. */
    private static String bytesOf(Path home, String tier) throws IOException {
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.list(home)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(tier)).toList()) {
                text.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        return text.toString();
    }

    private static void ok(Ctx.Run run) {
        assertThat(run.exit()).as(run.err()).isZero();
    }
}
