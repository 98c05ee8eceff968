package io.contextstore.client.tiers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ctx mcp} uses one context's tiers from two threads at once (its tools and its live sync): each thread's
 * transactions stay whole, on a real SQLite file.
 */
class SharedTiersIT {

    @TempDir
    Path home;

    @Test
    void twoThreadsWritingThroughOneTierKeepEachTransactionWholeAndLoseNoWrite() throws Exception {
        ReentrantLock access = new ReentrantLock();
        try (TierDatabase sessions = TierDatabase.open(home, Tier.SESSIONS, access);
             TierDatabase org = TierDatabase.open(home, Tier.ORG, access)) {
            ExecutorService threads = Executors.newFixedThreadPool(2);
            List<Future<Integer>> done = new ArrayList<>();
            for (String side : List.of("tools", "sync")) {
                done.add(threads.submit(writes(side, sessions, org)));
            }
            for (Future<Integer> writer : done) {
                assertThat(writer.get(2, TimeUnit.MINUTES)).isEqualTo(300);
            }
            threads.shutdown();
            int rows = sessions.read(c -> {
                try (var count = c.createStatement().executeQuery("SELECT count(*) FROM sync_state WHERE name LIKE 'w-%'")) {
                    count.next();
                    return count.getInt(1);
                }
            });
            assertThat(rows).isEqualTo(600);
        }
    }

    /**
     * Two hooks, or a hook and {@code ctx mcp}, on a new home create its files at the same moment; switching a new file
     * to WAL answered SQLITE_BUSY at once to about one opener in a hundred (each connection here stands for a
     * process: SQLite locks the file per connection).
     */
    @Test
    void openersCreatingTheSameNewTierFilesAtOnceAllSucceed() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 25; round++) {
                Path fresh = home.resolve("home-" + round);
                Files.createDirectories(fresh);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> openers = new ArrayList<>();
                for (int opener = 0; opener < 4; opener++) {
                    openers.add(threads.submit(() -> {
                        start.await();
                        int opened = 0;
                        for (Tier tier : Tier.values()) {
                            try (TierDatabase database = TierDatabase.open(fresh, tier)) {
                                opened += database.version() == TierDatabase.latestVersion(tier) ? 1 : 0;
                            }
                        }
                        return opened;
                    }));
                }
                start.countDown();
                for (Future<Integer> opener : openers) {
                    assertThat(opener.get(2, TimeUnit.MINUTES)).as("round " + round).isEqualTo(Tier.values().length);
                }
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** Each transaction writes two rows in one tier, reads the other tier inside it, and checks its rows are there. */
    private static Callable<Integer> writes(String side, TierDatabase sessions, TierDatabase org) {
        return () -> {
            int whole = 0;
            for (int i = 0; i < 300; i++) {
                String name = "w-" + side + "-" + i;
                boolean both = sessions.inTransaction(c -> {
                    TierDatabase.setState(c, name, "first");
                    org.read(o -> TierDatabase.stateIn(o, "nothing"));
                    TierDatabase.setState(c, name + "-second", "second");
                    return "first".equals(TierDatabase.stateIn(c, name));
                });
                sessions.inTransaction(c -> {
                    c.createStatement().executeUpdate("DELETE FROM sync_state WHERE name = '" + name + "-second'");
                    return null;
                });
                whole += both ? 1 : 0;
            }
            return whole;
        };
    }
}
