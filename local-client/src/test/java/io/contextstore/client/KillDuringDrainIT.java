package io.contextstore.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.client.items.Item;
import io.contextstore.client.items.Kind;
import io.contextstore.client.cli.Main;
import io.contextstore.testing.Tenants.TestTenant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Invariant I6 under kill -9: the client process dies in the middle of a drain, then {@code ctx sync}
 * runs again. Every event must be on the server exactly once, and nothing may be left queued.
 */
class KillDuringDrainIT {

    private final TestServer server = TestServer.shared();

    @TempDir
    Path temp;

    private TestTenant alice;
    private Ctx ctx;

    private Set<String> enqueue(int count) {
        alice = server.tenants().create("alice");
        ctx = new Ctx(temp.resolve("home"));
        assertThat(ctx.run("login", "--server", server.baseUrl(), "--key", alice.licenseKey(), "--device", "laptop").exit()).isZero();
        Set<String> hashes = new HashSet<>();
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(Item.of(Kind.LEARNING, Map.of("skill", "crash-" + i, "learning", "survives kill -9"), Instant.now()));
        }
        try (LocalContext context = LocalContext.open(new ClientHome(ctx.home()), Clock.systemUTC(), new SplittableRandom())) {
            context.recordAll(items);
        }
        items.forEach(item -> hashes.add(item.contentHash()));
        return hashes;
    }

    private Process startAndKillAt(String marker, ProcessBuilder builder) throws Exception {
        Path output = temp.resolve("child-" + System.nanoTime() + ".out");
        Process child = builder.redirectErrorStream(true).redirectOutput(output.toFile()).start();
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                .until(() -> Files.readString(output).contains(marker) || !child.isAlive());
        assertThat(Files.readString(output)).contains(marker);
        return kill(child);
    }

    private static Process kill(Process child) throws InterruptedException {
        child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isEqualTo(137);
        return child;
    }

    private void syncAgainAndExpectEachEventOnceAndAnEmptyQueue(Set<String> written) {
        Ctx.Run again = ctx.run("sync", "--json");

        assertThat(again.exit()).as(again.err()).isZero();
        List<String> onServer = server.contentHashes(alice.tenantId());
        assertThat(onServer).doesNotHaveDuplicates().hasSize(written.size());
        assertThat(new HashSet<>(onServer)).isEqualTo(written);
        assertThat(ctx.count("sessions.db", "SELECT count(*) FROM sync_queue")).isZero();
    }

    @Test
    void killedAfterTheServerAcknowledgedABatchBeforeTheQueueRecordedItTheRetryIsADuplicateNotASecondEvent() throws Exception {
        Set<String> written = enqueue(1_000);

        startAndKillAt("PAUSED after the server acknowledged", ctx.process(PausingSync.class.getName(), "answered", "300"));

        // the second batch is in the log, yet still queued locally: only the first batch's delete had committed
        assertThat(server.events(alice.tenantId())).hasSize(600);
        assertThat(ctx.count("sessions.db", "SELECT count(*) FROM sync_queue WHERE state = 'pending'")).isEqualTo(700);
        syncAgainAndExpectEachEventOnceAndAnEmptyQueue(written);
    }

    @Test
    void killedBeforeTheServerAnsweredABatchTheItemsAreStillQueuedAndSentOnce() throws Exception {
        Set<String> written = enqueue(1_000);

        startAndKillAt("PAUSED before sending", ctx.process(PausingSync.class.getName(), "sending", "300"));

        assertThat(server.events(alice.tenantId())).hasSize(300);
        assertThat(ctx.count("sessions.db", "SELECT count(*) FROM sync_queue WHERE state = 'pending'")).isEqualTo(700);
        syncAgainAndExpectEachEventOnceAndAnEmptyQueue(written);
    }

    @Test
    void theRealCtxSyncKilledAtAnArbitraryPointOfALongDrainLosesAndDoublesNothing() throws Exception {
        Set<String> written = enqueue(4_000);
        Process child = ctx.process(Main.class.getName(), "sync", "--batch-size", "50")
                .redirectErrorStream(true).redirectOutput(temp.resolve("sync.out").toFile()).start();

        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(5))
                .until(() -> ctx.count("sessions.db", "SELECT count(*) FROM sync_queue") < 2_500 || !child.isAlive());
        assertThat(child.isAlive()).as("the drain was still running when killed").isTrue();
        kill(child);

        assertThat(ctx.count("sessions.db", "SELECT count(*) FROM sync_queue")).isBetween(1L, 2_499L);
        syncAgainAndExpectEachEventOnceAndAnEmptyQueue(written);
    }
}
