package io.contextstore.client.legacy;

import io.contextstore.client.LocalContext;
import io.contextstore.client.items.Item;
import io.contextstore.client.queue.SyncQueue;
import io.contextstore.client.redaction.ItemRedaction;
import io.contextstore.client.tiers.LocalStoreException;
import io.contextstore.client.tiers.RowWriter;
import io.contextstore.client.tiers.Tier;
import io.contextstore.events.ContentHash;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sqlite.SQLiteConfig;

/**
 * Brings the pending rows of an ADR-053 client's queue ({@code sync_queue} in its sessions.db) into
 * ours. The legacy file is opened read-only and never changed: rows that cannot be mapped stay where
 * they are, reported with their id and reason. Everything mapped is queued in one durable transaction,
 * together with a note of which legacy rows it came from, so a second import queues nothing new.
 */
public final class LegacyImport {

    /** What an import did: queued rows (legacy id → queue id), rows imported before, and rows left alone. */
    public record Report(Map<Long, Long> queued, List<Long> alreadyImported, Map<Long, String> refused) {
    }

    private LegacyImport() {
    }

    public static Report run(LocalContext context, Path legacyFile) {
        List<LegacyRow> rows = read(legacyFile);
        Map<Long, Long> queued = new java.util.LinkedHashMap<>();
        Map<Long, String> refused = new java.util.LinkedHashMap<>();
        List<Long> already = new ArrayList<>();
        long now = context.clock().millis();
        context.tier(Tier.SESSIONS).inTransaction(c -> {
            Set<String> imported = imported(c);
            try (RowWriter tierRows = new RowWriter(c);
                 PreparedStatement note = c.prepareStatement("INSERT INTO legacy_imports (legacy_id, payload_hash,"
                         + " queue_id, imported_at) VALUES (?, ?, ?, ?)")) {
                for (LegacyRow row : rows) {
                    String payloadHash = ContentHash.of(Map.of("legacy_payload", String.valueOf(row.payload())));
                    LegacyMapping.Mapped mapped = LegacyMapping.map(row);
                    if (imported.contains(row.id() + "/" + payloadHash)) {
                        already.add(row.id());
                    } else if (mapped instanceof LegacyMapping.Mapped.ToItem toItem) {
                        ItemRedaction.Result redacted = context.redact(List.of(toItem.item()));
                        redacted.count(c);
                        Item item = redacted.items().get(0);
                        long queueId = SyncQueue.enqueueIn(c, item, item.contentHash(), now);
                        if (item.kind().tier() == Tier.SESSIONS) {
                            tierRows.local(item, item.contentHash(), null, null);
                        }
                        note.setLong(1, row.id());
                        note.setString(2, payloadHash);
                        note.setLong(3, queueId);
                        note.setLong(4, now);
                        note.executeUpdate();
                        queued.put(row.id(), queueId);
                    } else {
                        refused.put(row.id(), ((LegacyMapping.Mapped.Refused) mapped).reason());
                    }
                }
            }
            return null;
        });
        return new Report(queued, already, refused);
    }

    private static Set<String> imported(Connection c) throws SQLException {
        Set<String> keys = new HashSet<>();
        try (PreparedStatement select = c.prepareStatement("SELECT legacy_id || '/' || payload_hash FROM legacy_imports");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                keys.add(rows.getString(1));
            }
        }
        return keys;
    }

    /** Both shapes of the original table, oldest first, as its own {@code process_queue} reads them. */
    static List<LegacyRow> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + " is not a file");
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties())) {
            Set<String> columns = columns(c);
            if (!columns.contains("payload")) {
                throw new IllegalArgumentException(file + " has no sync_queue table of the original client (with a payload column)");
            }
            String action = columns.contains("action") ? "action" : "NULL";
            String attempts = columns.contains("attempts") ? "attempts" : "0";
            String created = columns.contains("created_at") ? "created_at" : "NULL";
            List<LegacyRow> rows = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT rowid, " + action + ", payload, " + created + ", "
                    + attempts + " FROM sync_queue ORDER BY " + created + ", rowid");
                 ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(new LegacyRow(result.getLong(1), result.getString(2), result.getString(3), result.getString(4),
                            result.getInt(5)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new LocalStoreException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static Set<String> columns(Connection c) throws SQLException {
        Set<String> columns = new HashSet<>();
        try (PreparedStatement select = c.prepareStatement("SELECT name FROM pragma_table_info('sync_queue')");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                columns.add(rows.getString(1));
            }
        }
        return columns;
    }
}
