package io.contextstore.client.queue;

import io.contextstore.client.items.Item;
import io.contextstore.client.queue.QueuedItem.State;
import io.contextstore.client.tiers.TierDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The durable outbox ({@code sync_queue} in sessions.db). Every write lands here first, committed to
 * disk before the caller hears back. An item leaves only through {@link #acknowledge} (the server
 * answered 2xx for it) or through {@link #dropDead} (a person chose to drop a dead item); a refused
 * item goes to the dead state with the server's reason and stays visible.
 */
public final class SyncQueue {

    private static final String COLUMNS =
            "id, kind, content_hash, payload, enqueued_at, attempts, next_attempt_at, last_error, state, dead_at";

    private final TierDatabase sessions;
    private final Clock clock;
    private final Backoff backoff;

    public SyncQueue(TierDatabase sessions, Clock clock, Backoff backoff) {
        this.sessions = sessions;
        this.clock = clock;
        this.backoff = backoff;
    }

    public long enqueue(Item item) {
        String hash = item.contentHash();
        return sessions.inTransaction(c -> enqueueIn(c, item, hash, clock.millis()));
    }

    /**
     * Adds the item inside the caller's transaction, unless the server would only answer
     * {@code duplicate} for it (ADR 2): the same content is already pending, or — for a state kind
     * such as a task — the last pending state of the same entity is this one. A task that returns to
     * an earlier state while offline is queued again. An item asking for a scope or sharing one is keyed
     * by its content with them ({@link Item#queueKey}, in the {@code entity} column): the same share queued
     * twice is one item. Returns the id of the pending row.
     */
    public static long enqueueIn(Connection connection, Item item, String contentHash, long nowMillis) throws SQLException {
        String entity = item.queueKey();
        try (PreparedStatement existing = connection.prepareStatement(entity == null
                ? "SELECT id, content_hash FROM sync_queue WHERE content_hash = ? AND state = 'pending' LIMIT 1"
                : "SELECT id, content_hash FROM sync_queue WHERE entity = ? AND state = 'pending' ORDER BY id DESC LIMIT 1")) {
            existing.setString(1, entity == null ? contentHash : entity);
            try (ResultSet rows = existing.executeQuery()) {
                if (rows.next() && rows.getString(2).equals(contentHash)) {
                    return rows.getLong(1);
                }
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO sync_queue (kind, content_hash, payload, enqueued_at, next_attempt_at, entity)"
                        + " VALUES (?, ?, ?, ?, ?, ?) RETURNING id")) {
            insert.setString(1, item.kind().wireName());
            insert.setString(2, contentHash);
            insert.setString(3, item.payload());
            insert.setLong(4, nowMillis);
            insert.setLong(5, nowMillis);
            insert.setString(6, entity);
            try (ResultSet rows = insert.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** Pending items after {@code afterId} in queue order; with {@code onlyDue}, those whose backoff has passed. */
    public List<QueuedItem> pending(long afterId, int limit, boolean onlyDue) {
        String due = onlyDue ? " AND next_attempt_at <= ?" : "";
        return sessions.read(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM sync_queue WHERE state = 'pending' AND id > ?" + due + " ORDER BY id LIMIT ?")) {
                int i = 1;
                select.setLong(i++, afterId);
                if (onlyDue) {
                    select.setLong(i++, clock.millis());
                }
                select.setInt(i, limit);
                return rows(select);
            }
        });
    }

    /** The server acknowledged these: they leave the queue, in one transaction. */
    public void acknowledge(List<QueuedItem> items) {
        sessions.inTransaction(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM sync_queue WHERE id = ? AND state = 'pending'")) {
                for (QueuedItem item : items) {
                    delete.setLong(1, item.id());
                    delete.addBatch();
                }
                delete.executeBatch();
            }
            return null;
        });
    }

    /** A transient failure: one more attempt counted, the next one put off by the backoff. */
    public void retryLater(List<QueuedItem> items, String reason, Duration retryAfter) {
        long now = clock.millis();
        sessions.inTransaction(c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE sync_queue SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ? AND state = 'pending'")) {
                for (QueuedItem item : items) {
                    int attempts = item.attempts() + 1;
                    update.setInt(1, attempts);
                    update.setLong(2, now + backoff.delay(attempts, retryAfter).toMillis());
                    update.setString(3, reason);
                    update.setLong(4, item.id());
                    update.addBatch();
                }
                update.executeBatch();
            }
            return null;
        });
    }

    /** The server refused the item: it stays, visibly dead, with the server's reason. */
    public void kill(QueuedItem item, String reason) {
        long now = clock.millis();
        sessions.inTransaction(c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE sync_queue SET state = 'dead', attempts = attempts + 1,"
                    + " last_error = ?, dead_at = ? WHERE id = ? AND state = 'pending'")) {
                update.setString(1, reason);
                update.setLong(2, now);
                update.setLong(3, item.id());
                update.executeUpdate();
            }
            return null;
        });
    }

    /** Items in queue order; {@code state} null for all. */
    public List<QueuedItem> list(State state, int limit) {
        String where = state == null ? "" : " WHERE state = '" + state.column() + "'";
        return sessions.read(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM sync_queue" + where + " ORDER BY id LIMIT ?")) {
                select.setInt(1, limit);
                return rows(select);
            }
        });
    }

    public QueueCounts counts() {
        return sessions.read(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT"
                    + " coalesce(sum(state = 'pending'), 0), coalesce(sum(state = 'dead'), 0),"
                    + " min(CASE WHEN state = 'pending' THEN enqueued_at END),"
                    + " min(CASE WHEN state = 'pending' THEN next_attempt_at END) FROM sync_queue");
                 ResultSet rows = select.executeQuery()) {
                rows.next();
                return new QueueCounts(rows.getLong(1), rows.getLong(2), instant(rows, 3), instant(rows, 4));
            }
        });
    }

    /**
     * Dead items (all, or those named) go back to pending with their attempts reset, and every pending
     * item becomes due now. Returns how many dead items were revived.
     */
    public int retry(List<Long> ids) {
        long now = clock.millis();
        return sessions.inTransaction(c -> {
            int revived = 0;
            try (PreparedStatement revive = c.prepareStatement("UPDATE sync_queue SET state = 'pending', attempts = 0,"
                    + " next_attempt_at = ?, dead_at = NULL WHERE state = 'dead'" + idFilter(ids))) {
                revive.setLong(1, now);
                revived = revive.executeUpdate();
            }
            try (PreparedStatement due = c.prepareStatement("UPDATE sync_queue SET next_attempt_at = ?"
                    + " WHERE state = 'pending'" + idFilter(ids))) {
                due.setLong(1, now);
                due.executeUpdate();
            }
            return revived;
        });
    }

    /** Deletes dead items (all, or those named): the one way an unacknowledged item leaves, by a person's choice. */
    public int dropDead(List<Long> ids) {
        return sessions.inTransaction(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM sync_queue WHERE state = 'dead'" + idFilter(ids))) {
                return delete.executeUpdate();
            }
        });
    }

    private static String idFilter(List<Long> ids) {
        if (ids == null || ids.isEmpty()) {
            return "";
        }
        StringBuilder in = new StringBuilder(" AND id IN (");
        for (int i = 0; i < ids.size(); i++) {
            in.append(i == 0 ? "" : ", ").append(ids.get(i).longValue());
        }
        return in.append(')').toString();
    }

    private static List<QueuedItem> rows(PreparedStatement select) throws SQLException {
        List<QueuedItem> items = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                items.add(new QueuedItem(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4),
                        instant(rows, 5), rows.getInt(6), instant(rows, 7), rows.getString(8),
                        State.valueOf(rows.getString(9).toUpperCase(java.util.Locale.ROOT)), instant(rows, 10)));
            }
        }
        return items;
    }

    private static Instant instant(ResultSet rows, int column) throws SQLException {
        long millis = rows.getLong(column);
        return rows.wasNull() ? null : Instant.ofEpochMilli(millis);
    }
}
