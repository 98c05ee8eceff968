package io.contextstore.stack.audit;

import io.contextstore.events.CloudEventHeaders;
import io.contextstore.events.ContextEvent;
import io.contextstore.events.Payloads;
import io.contextstore.events.topic.Topics;
import io.contextstore.platform.crypto.CryptoRandom;
import io.contextstore.platform.crypto.EventSealing;
import io.contextstore.platform.crypto.MasterKeyRing;
import io.contextstore.platform.crypto.SubjectKey;
import io.contextstore.platform.crypto.SubjectKeys;
import io.contextstore.platform.db.Database;
import io.contextstore.platform.db.ServiceRole;
import io.contextstore.stack.RunningServices;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What an attacker holding everything the system still holds gets out of the log and the database: every
 * data key left in PostgreSQL (any tenant), unwrapped with the master key file, tried on every sealed record;
 * and every row of PostgreSQL, read past row-level security.
 */
final class SealedLog {

    private final RunningServices services;

    SealedLog(RunningServices services) {
        this.services = services;
    }

    /** The text of every field of the tenant's records that some key still held opens, or that was never sealed. */
    List<String> readableTexts(UUID tenant) throws SQLException {
        Collection<SubjectKey> keys = everyKeyStillHeld();
        List<String> texts = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : services.topic().eventsOf(tenant)) {
            if (CloudEventHeaders.isSubjectErased(record.headers())) {
                continue;
            }
            ContextEvent event = Topics.CONTEXT_EVENTS.value().decode(record.value());
            ContextEvent readable = event.getSealed() == null ? event : open(event, keys);
            if (readable != null) {
                Payloads.data(readable.getPayload()).values().forEach(value -> texts.add(String.valueOf(value)));
            }
        }
        return texts;
    }

    /** Whether any record of the whole topic holds {@code text}, byte for byte (key, value or header). */
    boolean anyRecordHolds(String text) {
        return !services.topic().held(Topics.CONTEXT_EVENTS.name(), List.of(text)).isEmpty();
    }

    /** Rows of any table of the tenant that hold {@code text} anywhere in them, by table (read as superuser, past RLS). */
    Map<String, Long> rowsHolding(UUID tenant, String text) throws SQLException {
        Map<String, Long> found = new HashMap<>();
        try (Connection c = services.infrastructure().superuserConnection()) {
            for (String table : tenantTables(c)) {
                try (PreparedStatement count = c.prepareStatement("SELECT count(*) FROM " + table + " t WHERE tenant_id = ? "
                        + "AND t::text LIKE ?")) {
                    count.setObject(1, tenant);
                    count.setString(2, "%" + text + "%");
                    try (ResultSet rs = count.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) > 0) {
                            found.put(table, rs.getLong(1));
                        }
                    }
                }
            }
        }
        return found;
    }

    private static List<String> tenantTables(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement query = c.prepareStatement("""
                SELECT c.table_name FROM information_schema.columns c
                JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
                WHERE c.table_schema = 'public' AND c.column_name = 'tenant_id' AND t.table_type = 'BASE TABLE'
                ORDER BY 1"""); ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    private Collection<SubjectKey> everyKeyStillHeld() throws SQLException {
        Map<UUID, List<UUID>> byTenant = new HashMap<>();
        try (Connection c = services.infrastructure().superuserConnection();
             PreparedStatement query = c.prepareStatement("SELECT tenant_id, key_id FROM subject_keys");
             ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                byTenant.computeIfAbsent(rs.getObject(1, UUID.class), t -> new ArrayList<>()).add(rs.getObject(2, UUID.class));
            }
        }
        SubjectKeys keys = new SubjectKeys(MasterKeyRing.fromFile(services.masterKeyFile(), CryptoRandom.nonces()),
                CryptoRandom.keys(), UUID::randomUUID);
        List<SubjectKey> held = new ArrayList<>();
        try (Database projector = Database.connect(services.infrastructure().settings(ServiceRole.PROJECTOR), "sealed-log-test")) {
            byTenant.forEach((tenant, ids) -> held.addAll(projector.readInTenant(tenant, jdbc -> keys.existing(jdbc, tenant, ids)).values()));
        }
        return held;
    }

    private static ContextEvent open(ContextEvent event, Collection<SubjectKey> keys) {
        for (SubjectKey key : keys) {
            try {
                return EventSealing.open(event, key).event();
            } catch (GeneralSecurityException e) {
                // not this key: try the next
            }
        }
        return null;
    }
}
