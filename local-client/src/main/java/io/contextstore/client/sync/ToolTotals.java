package io.contextstore.client.sync;

import io.contextstore.client.items.Item;
import io.contextstore.client.items.Kind;
import io.contextstore.client.queue.SyncQueue;
import io.contextstore.client.tiers.TierDatabase;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tool analytics reach the server as totals per session and tool (ADR 29): the hook only counts, so it
 * stays fast and never writes a queue item per tool call; a sync first queues the totals that changed
 * since they were last queued, in one transaction with the note of what was queued.
 */
final class ToolTotals {

    private ToolTotals() {
    }

    /** Returns how many totals were queued. */
    static int queueChanged(TierDatabase sessions, Clock clock) {
        long now = clock.millis();
        return sessions.inTransaction(c -> {
            int queued = 0;
            try (PreparedStatement changed = c.prepareStatement("SELECT session_id, tool_name, calls, errors, project_id,"
                    + " last_used_at FROM tool_analytics WHERE calls <> queued_calls OR errors <> queued_errors");
                 PreparedStatement note = c.prepareStatement("UPDATE tool_analytics SET queued_calls = ?, queued_errors = ?"
                         + " WHERE session_id = ? AND tool_name = ?");
                 ResultSet rows = changed.executeQuery()) {
                while (rows.next()) {
                    Map<String, Object> fields = new LinkedHashMap<>();
                    fields.put("session_id", rows.getString(1));
                    fields.put("tool_name", rows.getString(2));
                    fields.put("calls", rows.getLong(3));
                    fields.put("errors", rows.getLong(4));
                    fields.put("project_id", rows.getString(5));
                    Item item = Item.of(Kind.TOOL_ANALYTICS, fields, Instant.parse(rows.getString(6)));
                    SyncQueue.enqueueIn(c, item, item.contentHash(), now);
                    note.setLong(1, rows.getLong(3));
                    note.setLong(2, rows.getLong(4));
                    note.setString(3, rows.getString(1));
                    note.setString(4, rows.getString(2));
                    note.executeUpdate();
                    queued++;
                }
            }
            return queued;
        });
    }
}
