package io.contextstore.client.sync;

import io.contextstore.client.auth.Session;
import io.contextstore.client.http.EventStream;
import io.contextstore.client.http.EventStream.ServerEvent;
import io.contextstore.client.http.HttpAnswer;
import io.contextstore.client.http.ServerUnavailable;
import io.contextstore.client.queue.Backoff;
import io.contextstore.client.queue.QueueCounts;
import io.contextstore.client.queue.SyncQueue;
import io.contextstore.client.tiers.Tier;
import io.contextstore.client.tiers.TierDatabase;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * {@code ctx sync --watch}: keeps the tiers current from the live stream (ADR 38) and sends the queue as items
 * are recorded. The stream is the wake-up: events received (coalesced) have the puller pull every tier from its
 * own cursor, so rows and cursors commit together exactly as in {@code ctx sync}, erasures included, and a
 * reconnect resumes from the tiers' cursors. A lost, refused, ended or silent stream is reopened after an
 * exponential, jittered delay (the server's Retry-After a floor), after a full sync.
 */
public final class Watcher {

    /**
     * @param queueCheck how often the queue is looked at for items due
     * @param silence    how long without a heartbeat or event before the connection is taken for dead
     * @param reconnect  the delay before reconnecting, by failures in a row
     */
    public record Settings(Duration queueCheck, Duration silence, Backoff reconnect) {

        public static Settings standard(RandomGenerator random) {
            return new Settings(Duration.ofSeconds(1), Duration.ofSeconds(45),
                    new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), random));
        }
    }

    /** Runs one sync (under the sync lock): drain the queue, pull the tiers, or both. */
    public interface Syncs {
        SyncReport run(boolean push, boolean pull);
    }

    private static final Object END = new Object();

    private final Session session;
    private final Function<Tier, TierDatabase> tiers;
    private final SyncQueue queue;
    private final Syncs syncs;
    private final Settings settings;
    private final Clock clock;
    private final Consumer<String> log;

    public Watcher(Session session, Function<Tier, TierDatabase> tiers, SyncQueue queue, Syncs syncs, Settings settings,
                   Clock clock, Consumer<String> log) {
        this.session = session;
        this.tiers = tiers;
        this.queue = queue;
        this.syncs = syncs;
        this.settings = settings;
        this.clock = clock;
        this.log = log;
    }

    /** Watches until {@code stopped} says so. */
    public void run(BooleanSupplier stopped) {
        int failures = 0;
        while (!stopped.getAsBoolean()) {
            Duration retryAfter = null;
            try {
                SyncReport caughtUp = syncs.run(true, true);
                if (caughtUp.stoppedBecause() != null) {
                    throw new ServerUnavailable(caughtUp.stoppedBecause(), null);
                }
                try (EventStream stream = EventStream.open(session.api(), "/api/v1/context/stream?cursor=" + cursor(),
                        session.token())) {
                    HttpAnswer refused = stream.refused();
                    if (refused != null) {
                        if (refused.status() == 401) {
                            session.refresh();
                        }
                        retryAfter = retryAfter(refused);
                        throw new ServerUnavailable("the stream was refused: " + refused.problem().describe(), null);
                    }
                    failures = 0;
                    log.accept("watching: connected");
                    follow(stream, stopped);
                }
                failures = 1; // it ended (the server stopped, the token expired, it went silent): back soon
                if (!stopped.getAsBoolean()) {
                    log.accept("watching: the stream ended; reconnecting");
                }
            } catch (ServerUnavailable e) {
                failures++;
                log.accept("watching: " + e.getMessage() + "; reconnecting");
            }
            pause(settings.reconnect().delay(failures, retryAfter), stopped);
        }
    }

    /** Where the stream starts: the least of the tiers' cursors (events they already hold only wake a pull). */
    private long cursor() {
        long least = Long.MAX_VALUE;
        for (Tier tier : Puller.PULLED_TIERS) {
            String stored = tiers.apply(tier).state(Puller.CURSOR);
            least = Math.min(least, stored == null ? 0 : Long.parseLong(stored));
        }
        return least;
    }

    private void follow(EventStream stream, BooleanSupplier stopped) {
        LinkedBlockingQueue<Object> wake = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try {
                for (ServerEvent event = stream.next(); event != null; event = stream.next()) {
                    wake.add(event);
                }
            } catch (IOException | RuntimeException e) {
                // the connection broke: reconnect
            } finally {
                wake.add(END);
            }
        }, "ctx-watch-stream");
        reader.setDaemon(true);
        reader.start();
        long heard = System.nanoTime();
        while (!stopped.getAsBoolean()) {
            Object got = take(wake);
            if (got != null) {
                heard = System.nanoTime();
                boolean events = got != EventStream.ALIVE && got != END;
                boolean ended = got == END;
                for (Object more = wake.poll(); more != null && !ended; more = wake.poll()) { // coalesce a burst
                    ended = more == END;
                    events |= more != EventStream.ALIVE && !ended;
                }
                if (events) {
                    syncs.run(false, true);
                }
                if (ended) {
                    return;
                }
            } else if (System.nanoTime() - heard > settings.silence().toNanos()) {
                log.accept("watching: the stream went silent");
                return;
            }
            if (due()) {
                syncs.run(true, false);
            }
        }
    }

    private Object take(LinkedBlockingQueue<Object> wake) {
        try {
            return wake.poll(settings.queueCheck().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return END;
        }
    }

    private boolean due() {
        QueueCounts counts = queue.counts();
        return counts.pending() > 0 && (counts.nextAttempt() == null || !counts.nextAttempt().isAfter(clock.instant()));
    }

    private static Duration retryAfter(HttpAnswer answer) {
        String header = answer.header("Retry-After");
        try {
            return header == null ? null : Duration.ofSeconds(Long.parseLong(header.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void pause(Duration delay, BooleanSupplier stopped) {
        long until = System.nanoTime() + delay.toNanos();
        while (!stopped.getAsBoolean() && System.nanoTime() < until) {
            LockSupport.parkNanos(Math.min(TimeUnit.MILLISECONDS.toNanos(100), until - System.nanoTime()));
        }
    }
}
