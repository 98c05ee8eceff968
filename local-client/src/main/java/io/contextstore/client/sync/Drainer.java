package io.contextstore.client.sync;

import io.contextstore.client.auth.AuthenticationFailed;
import io.contextstore.client.auth.Session;
import io.contextstore.client.http.HttpAnswer;
import io.contextstore.client.http.ServerUnavailable;
import io.contextstore.client.queue.QueuedItem;
import io.contextstore.client.queue.SyncQueue;
import io.contextstore.client.sync.PushOutcome.Ack;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends the queue to the batch push, oldest first, and applies each answer to the queue as
 * {@link PushClassifier} decides. A transient failure ends the drain (the server is not there; the
 * rest waits for the next sync); a refused item goes dead and the drain goes on.
 */
public final class Drainer {

    public static final int MAX_BATCH = 1_000;
    /** Below the server's 5 MiB body limit, so that large items do not cost a round of 413s. */
    static final int MAX_BATCH_BYTES = 4 * 1024 * 1024;

    /** What one drain did; {@code stoppedBecause} is null when the queue was drained to the end. */
    public record Result(int acknowledged, int created, int dead, long maxCursor, String stoppedBecause) {
    }

    private final SyncQueue queue;
    private final Session session;
    private final SyncObserver observer;
    private final int batchSize;
    private final boolean onlyDue;
    private int acknowledged;
    private int created;
    private int dead;
    private long maxCursor = -1;
    private String stoppedBecause;

    public Drainer(SyncQueue queue, Session session, SyncObserver observer, int batchSize, boolean onlyDue) {
        if (batchSize < 1 || batchSize > MAX_BATCH) {
            throw new IllegalArgumentException("batch size must be 1 to " + MAX_BATCH);
        }
        this.queue = queue;
        this.session = session;
        this.observer = observer;
        this.batchSize = batchSize;
        this.onlyDue = onlyDue;
    }

    public Result drain() {
        observer.draining(queue.counts().pending());
        long afterId = 0;
        while (stoppedBecause == null) {
            List<QueuedItem> batch = fitting(queue.pending(afterId, batchSize, onlyDue), MAX_BATCH_BYTES);
            if (batch.isEmpty()) {
                break;
            }
            afterId = batch.get(batch.size() - 1).id();
            send(batch, false);
        }
        return new Result(acknowledged, created, dead, maxCursor, stoppedBecause);
    }

    private void send(List<QueuedItem> batch, boolean reauthenticated) {
        observer.sending(batch);
        HttpAnswer answer;
        try {
            answer = session.api().post("/api/v1/context/push", session.token(), body(batch));
        } catch (ServerUnavailable e) {
            stop(batch, e.getMessage(), null);
            return;
        }
        PushOutcome outcome = PushClassifier.classify(answer, batch.size());
        observer.answered(batch, outcome);
        if (outcome instanceof PushOutcome.Acknowledged acks) {
            acknowledge(batch, acks.results());
        } else if (outcome instanceof PushOutcome.RetryLater retry) {
            stop(batch, retry.reason(), retry.retryAfter());
        } else if (outcome instanceof PushOutcome.Reauthenticate refused) {
            reauthenticate(batch, refused, reauthenticated);
        } else if (outcome instanceof PushOutcome.RejectItem rejected) {
            kill(batch.get(rejected.index()), rejected.reason());
            List<QueuedItem> others = new ArrayList<>(batch);
            others.remove(rejected.index());
            if (!others.isEmpty()) {
                send(others, reauthenticated);
            }
        } else if (outcome instanceof PushOutcome.Split) {
            int half = batch.size() / 2;
            send(batch.subList(0, half), reauthenticated);
            if (stoppedBecause == null) {
                send(batch.subList(half, batch.size()), reauthenticated);
            }
        } else if (outcome instanceof PushOutcome.RejectAll rejected) {
            batch.forEach(item -> kill(item, rejected.reason()));
        }
    }

    /** 401: log in again with the license key, once per batch; a second 401 means the login itself is no good. */
    private void reauthenticate(List<QueuedItem> batch, PushOutcome.Reauthenticate refused, boolean already) {
        if (already) {
            throw new AuthenticationFailed("the server refused a fresh token: " + refused.reason());
        }
        try {
            session.refresh();
        } catch (ServerUnavailable e) {
            stop(batch, e.getMessage(), null);
            return;
        }
        send(batch, true);
    }

    private void acknowledge(List<QueuedItem> batch, List<Ack> results) {
        queue.acknowledge(batch);
        acknowledged += batch.size();
        for (int i = 0; i < results.size(); i++) {
            Ack ack = results.get(i);
            created += ack.status().equals("created") ? 1 : 0;
            maxCursor = Math.max(maxCursor, ack.cursor());
            if (ack.contentHash() != null && !ack.contentHash().equals(batch.get(i).contentHash())) {
                observer.warning("the server hashed item " + batch.get(i).id() + " as " + ack.contentHash()
                        + ", this client as " + batch.get(i).contentHash() + ": its local row will not be confirmed by a pull");
            }
        }
        observer.acknowledged(batch.size());
    }

    private void kill(QueuedItem item, String reason) {
        queue.kill(item, reason);
        dead++;
        observer.dead(item, reason);
    }

    private void stop(List<QueuedItem> batch, String reason, java.time.Duration retryAfter) {
        queue.retryLater(batch, reason, retryAfter);
        stoppedBecause = reason;
    }

    /** The longest prefix whose request body stays within {@code maxBytes}; never less than one item. */
    static List<QueuedItem> fitting(List<QueuedItem> candidates, int maxBytes) {
        long bytes = "{\"items\":[]}".length();
        for (int i = 0; i < candidates.size(); i++) {
            bytes += utf8Length(candidates.get(i).payload()) + (i > 0 ? 1 : 0); // the comma between items
            if (bytes > maxBytes && i > 0) {
                return candidates.subList(0, i);
            }
        }
        return candidates;
    }

    private static long utf8Length(String text) {
        long length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                length += 1;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c)) {
                length += 4;
                i++;
            } else {
                length += 3;
            }
        }
        return length;
    }

    static String body(List<QueuedItem> batch) {
        StringBuilder body = new StringBuilder(batch.size() * 256).append("{\"items\":[");
        for (int i = 0; i < batch.size(); i++) {
            body.append(i == 0 ? "" : ",").append(batch.get(i).payload());
        }
        return body.append("]}").toString();
    }
}
