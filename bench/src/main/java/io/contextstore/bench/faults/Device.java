package io.contextstore.bench.faults;

import io.contextstore.client.ClientHome;
import io.contextstore.client.LocalContext;
import io.contextstore.client.auth.Session;
import io.contextstore.client.items.Item;
import io.contextstore.client.items.Kind;
import io.contextstore.client.queue.QueuedItem;
import io.contextstore.client.sync.PushOutcome;
import io.contextstore.client.sync.SyncObserver;
import io.contextstore.client.sync.Synchronizer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * One simulated developer machine: the real client library over its own home (SQLite tiers, the durable
 * queue), logged in through the load balancer. Items are recorded into the queue as a hook records them,
 * and leave it only when a push was acknowledged; the ids the server answered are what the campaign
 * checks the read model against.
 */
final class Device implements AutoCloseable {

    private static final Synchronizer.Options PUSH_ONLY = new Synchronizer.Options(true, false, false, 50);

    private final String name;
    private final UUID tenant;
    /** The hook's and the sync's own handles on one home, as two processes of a real machine have. */
    private final LocalContext hook;
    private final LocalContext context;
    private final Session session;
    private final Timeline timeline;
    /** Every id the server acknowledged, in order, with when (nanoTime). */
    private final List<Acked> acknowledged = Collections.synchronizedList(new ArrayList<>());
    private long sequence;
    private volatile long lastQueued;
    private volatile long lastAcknowledgedQueueId;

    record Acked(long atNanos, String id) {
    }

    Device(String name, UUID tenant, Path home, String server, String licenseKey, Timeline timeline) {
        this.name = name;
        this.tenant = tenant;
        this.timeline = timeline;
        this.context = LocalContext.open(new ClientHome(home), Clock.systemUTC(), new SplittableRandom());
        context.login(server, licenseKey, name);
        this.session = context.session(null);
        this.hook = LocalContext.open(new ClientHome(home), Clock.systemUTC(), new SplittableRandom());
    }

    UUID tenant() {
        return tenant;
    }

    /** As a hook records a decision: into the durable queue, nothing sent yet. */
    void record() {
        long n = ++sequence; // one recording thread
        lastQueued = hook.record(Item.of(Kind.DECISION, Map.of("title", name + " decision " + n,
                "decision", "steady load item " + n + " of " + name, "rationale", "fault campaign"),
                hook.clock().instant()));
    }

    /** One explicit sync (push only, every pending item, batches of 50): what {@code ctx sync} does. */
    synchronized void sync() {
        try {
            context.sync(session, PUSH_ONLY, new Observer());
        } catch (RuntimeException unavailable) {
            timeline.failed(); // the queue keeps every item: the next sync sends it again
        }
    }

    synchronized long pending() {
        return context.queue().counts().pending();
    }

    synchronized long dead() {
        return context.queue().counts().dead();
    }

    Set<String> acknowledged() {
        synchronized (acknowledged) {
            return acknowledged.stream().map(Acked::id).collect(Collectors.toSet());
        }
    }

    /** The queue id of the last item recorded: a fault's mark. */
    long lastQueued() {
        return lastQueued;
    }

    /** Whether an item recorded after the mark was acknowledged: this device's writes are back. */
    boolean acknowledgedAfter(long mark) {
        return lastAcknowledgedQueueId > mark;
    }

    /** The ids acknowledged after {@code nanos}. */
    List<String> acknowledgedSince(long nanos) {
        synchronized (acknowledged) {
            return acknowledged.stream().filter(a -> a.atNanos() >= nanos).map(Acked::id).toList();
        }
    }

    @Override
    public synchronized void close() {
        hook.close();
        context.close();
    }

    /** Times each push request from send to answer, and keeps the ids of what was acknowledged. */
    private final class Observer implements SyncObserver {
        private long sentAt;

        @Override
        public void sending(List<QueuedItem> batch) {
            sentAt = System.nanoTime();
        }

        @Override
        public void answered(List<QueuedItem> batch, PushOutcome outcome) {
            if (outcome instanceof PushOutcome.Acknowledged acks) {
                long now = System.nanoTime();
                acks.results().forEach(ack -> acknowledged.add(new Acked(now, ack.id())));
                lastAcknowledgedQueueId = Math.max(lastAcknowledgedQueueId, batch.get(batch.size() - 1).id());
                timeline.acknowledged(acks.results().size(), System.nanoTime() - sentAt);
            } else {
                timeline.failed();
            }
        }
    }
}
