package io.contextstore.query.live;

import io.contextstore.platform.db.Database;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the projector's commit signals back until the streaming replica the reads go to has replayed the commit
 * they announce (ADR 41). A signal arrives from the primary at commit; told at once, a waiting pull would read the
 * replica before the rows are there and answer early. So each signal carries the primary's WAL position read right
 * after it arrived, and is passed on once {@code pg_last_wal_replay_lsn()} on the replica has reached it: looked at
 * on a short backoff (5 ms up to 100 ms) only while signals wait, never in a busy loop. Signals that wait together
 * are folded into one per tenant (the highest position), so a replica that stopped replaying costs one entry per
 * tenant, not one per commit; the waits they would end end at their own deadlines, with the replica's watermark.
 */
final class ReplayGate implements AutoCloseable {

    /** Where signals go once the replica shows what they announce. */
    interface Sink {
        void dispatch(UUID tenant, long position);

        void wakeAll();
    }

    private static final Logger log = LoggerFactory.getLogger(ReplayGate.class);
    private static final long FIRST_LOOK = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long LONGEST_LOOK = TimeUnit.MILLISECONDS.toNanos(100);

    private final Database replica;
    private final Sink sink;
    private final Thread thread;
    private Map<UUID, Long> pending = new HashMap<>();
    private boolean wakeAllPending;
    private long target = -1;
    private volatile boolean running = true;

    ReplayGate(Database replica, Sink sink) {
        this.replica = replica;
        this.sink = sink;
        this.thread = new Thread(this::run, "replay-gate");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** A signal the primary sent, with its WAL position ({@code pg_current_wal_lsn()}) read after it arrived. */
    synchronized void signal(UUID tenant, long position, String primaryLsn) {
        pending.merge(tenant, position, Math::max);
        await(primaryLsn);
    }

    /** "Look again" for every subscriber, once the replica has replayed up to {@code primaryLsn}. */
    synchronized void wakeAll(String primaryLsn) {
        wakeAllPending = true;
        await(primaryLsn);
    }

    private void await(String primaryLsn) {
        target = Math.max(target, Lsn.parse(primaryLsn));
        notifyAll();
    }

    private void run() {
        while (running) {
            Map<UUID, Long> signals;
            boolean all;
            long until;
            synchronized (this) {
                while (running && pending.isEmpty() && !wakeAllPending) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                signals = pending;
                all = wakeAllPending;
                until = target;
                pending = new HashMap<>();
                wakeAllPending = false;
            }
            awaitReplay(until);
            if (all) {
                sink.wakeAll();
            }
            signals.forEach(sink::dispatch);
        }
    }

    private void awaitReplay(long lsn) {
        long pause = FIRST_LOOK;
        while (running) {
            try {
                if (replayed() >= lsn) {
                    return;
                }
            } catch (RuntimeException unreachable) { // the replica restarting: the waits end at their deadlines
                log.warn("Reading the replica's replay position failed ({}); trying again", unreachable.getClass().getSimpleName());
                pause = LONGEST_LOOK;
            }
            LockSupport.parkNanos(pause);
            pause = Math.min(pause * 2, LONGEST_LOOK);
        }
    }

    /** The replica's replayed position; a server that is not a standby (NULL) has everything it committed. */
    private long replayed() {
        String lsn = replica.withoutTenant(jdbc -> jdbc.sql("SELECT coalesce(pg_last_wal_replay_lsn()::text, '')")
                .query(String.class).single());
        return lsn.isEmpty() ? Long.MAX_VALUE : Lsn.parse(lsn);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }

    /** PostgreSQL's {@code pg_lsn} text form, two hexadecimal halves {@code X/Y}, as one comparable number. */
    static final class Lsn {
        private Lsn() {
        }

        static long parse(String text) {
            int slash = text.indexOf('/');
            return (Long.parseLong(text.substring(0, slash), 16) << 32) | Long.parseLong(text.substring(slash + 1), 16);
        }
    }
}
