package io.contextstore.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contextstore.client.auth.CredentialStore;
import io.contextstore.client.auth.Credentials;
import io.contextstore.client.items.Item;
import io.contextstore.client.items.Kind;
import io.contextstore.client.queue.QueuedItem;
import io.contextstore.client.tiers.LocalStoreException;
import io.contextstore.client.tiers.Tier;
import io.contextstore.client.tiers.TierDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The four SQLite files on disk: schema versions, WAL, the queue and the tier rows, file permissions. */
class TierFilesIT {

    @TempDir
    Path home;

    private LocalContext open() {
        return LocalContext.open(new ClientHome(home.resolve("ctx")), Clock.systemUTC(), new SplittableRandom(1));
    }

    private Ctx ctx() {
        return new Ctx(home.resolve("ctx"));
    }

    @Test
    void everyTierIsItsOwnFileInWalModeAtTheLatestSchemaVersion() {
        try (LocalContext context = open()) {
            for (Tier tier : Tier.values()) {
                assertThat(context.tier(tier).version()).isEqualTo(TierDatabase.latestVersion(tier)).isPositive();
                // the queue's file commits with synchronous=FULL (2); the others with NORMAL (1)
                int synchronous = context.tier(tier).read(c -> {
                    try (Statement s = c.createStatement(); java.sql.ResultSet rows = s.executeQuery("PRAGMA synchronous")) {
                        rows.next();
                        return rows.getInt(1);
                    }
                });
                assertThat(synchronous).isEqualTo(tier == Tier.SESSIONS ? 2 : 1);
            }
        }
        for (Tier tier : Tier.values()) {
            assertThat(home.resolve("ctx").resolve(tier.fileName())).exists();
            assertThat(ctx().strings(tier.fileName(), "PRAGMA journal_mode")).containsExactly("wal");
            assertThat(ctx().count(tier.fileName(), "PRAGMA user_version")).isEqualTo(TierDatabase.latestVersion(tier));
        }
    }

    @Test
    void anEmptyFileIsMigratedForwardOnOpenAndAFileFromANewerClientIsRefused() throws Exception {
        Files.createDirectories(home.resolve("ctx"));
        Files.createFile(home.resolve("ctx/org.db"));
        try (LocalContext context = open()) {
            assertThat(context.tier(Tier.ORG).version()).isEqualTo(TierDatabase.latestVersion(Tier.ORG));
        }
        assertThat(ctx().count("org.db", "SELECT count(*) FROM decisions")).isZero();

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("ctx/sessions.db"));
             Statement statement = c.createStatement()) {
            statement.executeUpdate("PRAGMA user_version = 99");
        }
        try (LocalContext context = open()) {
            assertThatThrownBy(() -> context.tier(Tier.SESSIONS)).isInstanceOf(LocalStoreException.class)
                    .hasMessageContaining("schema version 99");
        }
    }

    @Test
    void aRecordedItemIsQueuedDurablyAndWrittenToItsTierUnconfirmed() {
        Item decision = Item.of(Kind.DECISION, Map.of("title", "Kafka", "decision", "is the log"), Instant.parse("2026-11-25T10:00:00Z"));
        Item task = Item.of(Kind.TASK, Map.of("task_id", "t-1", "description", "write", "status", "in_progress"), null);
        try (LocalContext context = open()) {
            context.record(decision);
            context.record(task);
            context.record(decision); // the same content again: still one pending copy
        }

        try (LocalContext reopened = open()) {
            List<QueuedItem> queued = reopened.queue().list(null, 10);
            assertThat(queued).extracting(QueuedItem::contentHash).containsExactly(decision.contentHash(), task.contentHash());
            assertThat(queued).extracting(QueuedItem::state).containsOnly(QueuedItem.State.PENDING);
            assertThat(queued.get(0).payload()).isEqualTo(decision.payload());
        }
        assertThat(ctx().strings("org.db", "SELECT content_hash FROM decisions WHERE cursor IS NULL AND origin = 'local'"))
                .containsExactly(decision.contentHash());
        assertThat(ctx().strings("sessions.db", "SELECT status FROM tasks WHERE task_id = 't-1'")).containsExactly("in_progress");
    }

    @Test
    void deadItemsStayVisibleUntilRetriedOrDroppedAndPendingOnesAreNeverDropped() {
        try (LocalContext context = open()) {
            context.record(Item.of(Kind.LEARNING, Map.of("skill", "a", "learning", "1"), null));
            context.record(Item.of(Kind.LEARNING, Map.of("skill", "b", "learning", "2"), null));
            QueuedItem first = context.queue().list(null, 10).get(0);
            context.queue().kill(first, "400 Invalid request: /skill: too long");

            assertThat(context.queue().counts().dead()).isEqualTo(1);
            assertThat(context.queue().list(QueuedItem.State.DEAD, 10)).singleElement()
                    .satisfies(dead -> assertThat(dead.lastError()).isEqualTo("400 Invalid request: /skill: too long"));

            assertThat(context.queue().retry(List.of())).isEqualTo(1);
            assertThat(context.queue().counts().dead()).isZero();

            context.queue().kill(context.queue().list(null, 10).get(0), "refused");
            assertThat(context.queue().dropDead(List.of())).isEqualTo(1);
            assertThat(context.queue().counts().pending()).isEqualTo(1);
            assertThat(context.queue().counts().dead()).isZero();
        }
    }

    @Test
    void theQueueCommandsShowRetryAndDropDeadItems() {
        try (LocalContext context = open()) {
            context.record(Item.of(Kind.LEARNING, Map.of("skill", "a", "learning", "1"), null));
            context.queue().kill(context.queue().list(null, 1).get(0), "403 Forbidden: no");
        }

        Ctx.Run listed = ctx().run("queue", "list", "--dead", "--json");
        assertThat(listed.exit()).isZero();
        assertThat(listed.out()).contains("\"last_error\":\"403 Forbidden: no\"").contains("\"state\":\"dead\"");
        assertThat(ctx().run("status", "--offline", "--json").out()).contains("\"dead\":1");
        assertThat(ctx().run("queue", "retry").out()).contains("1 dead items back to pending");
        assertThat(ctx().run("queue", "drop-dead", "--json").out()).contains("\"dropped\":0");
        assertThat(ctx().count("sessions.db", "SELECT count(*) FROM sync_queue WHERE state = 'pending'")).isEqualTo(1);
    }

    @Test
    void theCredentialsFileAndTheHomeAreReadableByTheirOwnerOnly() throws Exception {
        try (LocalContext context = open()) {
            new CredentialStore(context.home().credentials()).save(new Credentials("http://x", "ctxs_secret", "laptop",
                    "t", "alice", "token", Instant.parse("2026-11-25T10:00:00Z")));
        }

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("ctx/credentials.json"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("ctx")))).isEqualTo("rwx------");
        assertThat(new CredentialStore(home.resolve("ctx/credentials.json")).load()).get()
                .extracting(Credentials::licenseKey).isEqualTo("ctxs_secret");
    }

    @Test
    void commandsWithoutALoginSayHowToLogIn() {
        try (LocalContext context = open()) {
            context.record(Item.of(Kind.LEARNING, Map.of("skill", "a", "learning", "1"), null));
        }

        Ctx.Run sync = ctx().run("sync");

        assertThat(sync.exit()).isEqualTo(3);
        assertThat(sync.err()).contains("ctx login");
        assertThat(ctx().run("--help").out()).contains("Exit codes:");
        assertThat(ctx().run("push", "decision", "--help").out()).contains("--title");
        assertThat(ctx().run("push", "decision").exit()).isEqualTo(2);
    }
}
