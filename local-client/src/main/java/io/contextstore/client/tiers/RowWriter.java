package io.contextstore.client.tiers;

import io.contextstore.client.items.Item;
import io.contextstore.client.items.Kind;
import io.contextstore.client.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes rows of context into a tier inside the caller's transaction, one prepared statement per
 * kind. Rows of content kinds are keyed by content hash: a local write adds a row only if the content
 * is new, and a pulled event confirms the row of the same content (its id, cursor, author) or adds it.
 * States of a state kind (a task, a session's tool totals) may repeat (ADR 2), so their rows are keyed
 * by the server's event id: a local write adds a row unless it equals the entity's latest state, and a
 * pulled event updates its own row, or confirms the oldest unconfirmed local row of the same content,
 * or adds one. Nothing here deletes a row: a
 * local row the server has not shown yet simply stays unconfirmed.
 */
public final class RowWriter implements AutoCloseable {

    private static final String COMMON = "content_hash, event_id, cursor, project_id, user_id, device_id, occurred_at, received_at, origin";
    private static final int COMMON_COUNT = 9;

    private final Connection connection;
    private final Map<Kind, PreparedStatement> localInserts = new HashMap<>();
    private final Map<Kind, PreparedStatement> pulledUpserts = new HashMap<>();
    private final Map<Kind, PreparedStatement> confirmations = new HashMap<>();
    private PreparedStatement rowScopes;

    public RowWriter(Connection connection) {
        this.connection = connection;
    }

    /** A row for content written on this device; {@code userId}/{@code deviceId} may be null before login. */
    public void local(Item item, String contentHash, String userId, String deviceId) throws SQLException {
        PreparedStatement insert = localInserts.computeIfAbsent(item.kind(), kind -> kind.isState()
                ? prepare(kind, "SELECT ", "WHERE NOT EXISTS (SELECT 1 FROM (" + latestState(kind) + ") WHERE content_hash = ?1)")
                : prepare(kind, "VALUES (", ") ON CONFLICT (content_hash) DO NOTHING"));
        insert.setString(1, contentHash);
        insert.setString(2, null);
        insert.setObject(3, null);
        insert.setString(4, item.projectId());
        insert.setString(5, userId);
        insert.setString(6, deviceId);
        insert.setString(7, item.occurredAt() == null ? null : item.occurredAt().toString());
        insert.setString(8, null);
        insert.setString(9, "local");
        bindFields(insert, item.kind(), item.content());
        insert.executeUpdate();
    }

    public void pulled(PulledEvent event) throws SQLException {
        if (event.kind().isState() && confirmState(event)) {
            return;
        }
        // ?K: whether the event is a share of a personal item, which leaves the author's confirmed row as it is: their
        // personal item, by the id they know it by (ADR 36); another user's device has no such row and adds the share
        int share = COMMON_COUNT + event.kind().fields().size() + 1;
        String keep = "CASE WHEN ?" + share + " AND event_id IS NOT NULL THEN ";
        PreparedStatement upsert = pulledUpserts.computeIfAbsent(event.kind(), kind -> prepare(kind, "VALUES (",
                ") ON CONFLICT (" + (kind.isState() ? "event_id" : "content_hash") + ") DO UPDATE SET"
                        + " event_id = " + keep + "event_id ELSE excluded.event_id END,"
                        + " cursor = " + keep + "cursor ELSE excluded.cursor END,"
                        + " user_id = excluded.user_id, device_id = " + keep + "device_id ELSE excluded.device_id END,"
                        + " received_at = " + keep + "received_at ELSE excluded.received_at END,"
                        + " occurred_at = coalesce(occurred_at, excluded.occurred_at)"));
        upsert.setString(1, event.contentHash());
        upsert.setString(2, event.id());
        upsert.setLong(3, event.cursor());
        upsert.setString(4, event.projectId());
        upsert.setString(5, event.userId());
        upsert.setString(6, event.deviceId());
        upsert.setString(7, event.occurredAt());
        upsert.setString(8, event.receivedAt());
        upsert.setString(9, "pull");
        bindFields(upsert, event.kind(), event.data());
        upsert.setBoolean(share, event.sharesPersonal());
        upsert.executeUpdate();
        if (event.scopeOfItsOwn()) {
            if (rowScopes == null) {
                rowScopes = statement("INSERT OR REPLACE INTO row_scopes (event_id, personal, project) VALUES (?, ?, ?)");
            }
            rowScopes.setString(1, event.id());
            rowScopes.setInt(2, event.scope().personal() ? 1 : 0);
            rowScopes.setString(3, event.scope().projectId());
            rowScopes.executeUpdate();
        }
    }

    /**
     * The content hash of the entity's latest state, for a local insert of the kind's columns: unconfirmed
     * local rows first (newer than anything pulled before them), then by log order. The entity's fields
     * are bound by the insert's own parameters.
     */
    private static String latestState(Kind kind) {
        StringBuilder sql = new StringBuilder("SELECT content_hash FROM " + kind.table() + " WHERE ");
        List<String> entity = kind.event().entityFields();
        for (int i = 0; i < entity.size(); i++) {
            sql.append(i == 0 ? "" : " AND ").append(entity.get(i)).append(" = ?")
                    .append(COMMON_COUNT + 1 + kind.fields().indexOf(entity.get(i)));
        }
        return sql.append(" ORDER BY (cursor IS NULL) DESC, cursor DESC, id DESC LIMIT 1").toString();
    }

    /** The pulled state's own row, or the oldest local row of its content not yet confirmed, gets its id and cursor. */
    private boolean confirmState(PulledEvent event) throws SQLException {
        String table = event.kind().table();
        PreparedStatement confirm = confirmations.computeIfAbsent(event.kind(), kind -> statement("UPDATE " + table
                + " SET event_id = ?1, cursor = ?2, user_id = ?3, device_id = ?4, received_at = ?5,"
                + " occurred_at = coalesce(occurred_at, ?6) WHERE id = coalesce((SELECT id FROM " + table
                + " WHERE event_id = ?1), (SELECT min(id) FROM " + table + " WHERE event_id IS NULL AND content_hash = ?7))"));
        confirm.setString(1, event.id());
        confirm.setLong(2, event.cursor());
        confirm.setString(3, event.userId());
        confirm.setString(4, event.deviceId());
        confirm.setString(5, event.receivedAt());
        confirm.setString(6, event.occurredAt());
        confirm.setString(7, event.contentHash());
        return confirm.executeUpdate() > 0;
    }

    /** An INSERT of every column of the kind; {@code values} opens the values ("VALUES (" or "SELECT "), {@code tail} follows them. */
    private PreparedStatement prepare(Kind kind, String values, String tail) {
        String fields = String.join(", ", kind.fields());
        String marks = "?, ".repeat(COMMON_COUNT + kind.fields().size() - 1) + "?";
        return statement("INSERT INTO " + kind.table() + " (" + COMMON + ", " + fields + ") " + values + marks + " " + tail);
    }

    private PreparedStatement statement(String sql) {
        try {
            return connection.prepareStatement(sql);
        } catch (SQLException e) {
            throw new LocalStoreException("cannot prepare " + sql + ": " + e.getMessage(), e);
        }
    }

    private static void bindFields(PreparedStatement statement, Kind kind, Map<String, Object> values) throws SQLException {
        int index = COMMON_COUNT + 1;
        for (String field : kind.fields()) {
            Object value = values.get(field);
            if (value instanceof List<?> list) {
                statement.setString(index++, list.isEmpty() ? null : Json.write(list));
            } else {
                statement.setObject(index++, value);
            }
        }
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement statement : localInserts.values()) {
            statement.close();
        }
        for (PreparedStatement statement : pulledUpserts.values()) {
            statement.close();
        }
        for (PreparedStatement statement : confirmations.values()) {
            statement.close();
        }
        if (rowScopes != null) {
            rowScopes.close();
        }
    }
}
