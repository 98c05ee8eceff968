package io.contextstore.platform.crypto;

import io.contextstore.platform.db.Database;
import io.contextstore.platform.db.OneTrip;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The data keys of subjects, wrapped by the master key, in {@code subject_keys} (ADR 33): one live key per
 * (tenant, subject), where the subject is a user id or {@code ""} for the tenant's shared kinds. Destroying a
 * key is deleting its row. Unwrapped keys are cached by key id, but every use first reads the row inside the
 * caller's tenant transaction, so a destroyed key is never used again, in any process.
 */
public final class SubjectKeys {

    private static final int CACHED = 10_000;
    private static final String SELECT = "SELECT subject, key_id, master_key_id, wrapped_key FROM subject_keys WHERE tenant_id = ? AND ";

    private record Row(String subject, UUID keyId, String masterKeyId, byte[] wrapped) {
    }

    private final KeyWrapping wrapping;
    private final Supplier<byte[]> newKeys;
    private final Supplier<UUID> ids;
    private final Map<UUID, SubjectKey> unwrapped = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, SubjectKey> eldest) {
            return size() > CACHED;
        }
    };

    /** @param newKeys 32 random bytes a call; {@code ids} random key ids (both injected: no randomness here) */
    public SubjectKeys(KeyWrapping wrapping, Supplier<byte[]> newKeys, Supplier<UUID> ids) {
        this.wrapping = wrapping;
        this.newKeys = newKeys;
        this.ids = ids;
    }

    /** The live key of each subject, created where there is none; inside a transaction of {@code tenant}. */
    public Map<String, SubjectKey> current(JdbcClient jdbc, UUID tenant, Collection<String> subjects) {
        Map<String, SubjectKey> keys = new HashMap<>();
        select(jdbc, tenant, "subject", subjects.toArray(String[]::new)).forEach(row -> keys.put(row.subject(), unwrap(tenant, row)));
        for (String subject : subjects) {
            if (!keys.containsKey(subject)) {
                UUID keyId = ids.get();
                byte[] material = newKeys.get();
                KeyWrapping.WrappedKey wrapped = wrapping.wrap(material, context(tenant, subject, keyId));
                jdbc.sql("""
                                INSERT INTO subject_keys (tenant_id, subject, key_id, master_key_id, wrapped_key)
                                VALUES (?, ?, ?, ?, ?) ON CONFLICT (tenant_id, subject) DO NOTHING""")
                        .params(tenant, subject, keyId, wrapped.masterKeyId(), wrapped.bytes()).update();
            }
        }
        List<String> created = subjects.stream().filter(s -> !keys.containsKey(s)).toList();
        if (!created.isEmpty()) { // ours, or a concurrent push's that won the insert
            select(jdbc, tenant, "subject", created.toArray(String[]::new)).forEach(row -> keys.put(row.subject(), unwrap(tenant, row)));
        }
        return keys;
    }

    /**
     * Reads the live keys of these subjects (none created) as one statement of a tenant's {@linkplain
     * Database#inTenantInOneTrip trip}: a subject without a key is absent from the answer.
     */
    public OneTrip.Statement<Map<String, SubjectKey>> live(UUID tenant, Collection<String> subjects) {
        return new OneTrip.Statement<>(SELECT + "subject = ANY (?)", List.of(tenant, subjects.toArray(String[]::new)),
                rs -> {
                    Map<String, SubjectKey> keys = new HashMap<>();
                    while (rs.next()) {
                        Row row = row(rs);
                        keys.put(row.subject(), unwrap(tenant, row));
                    }
                    return keys;
                });
    }

    /** The keys that still exist among {@code keyIds}; a missing one was destroyed (erased). */
    public Map<UUID, SubjectKey> existing(JdbcClient jdbc, UUID tenant, Collection<UUID> keyIds) {
        Map<UUID, SubjectKey> keys = new HashMap<>();
        select(jdbc, tenant, "key_id", keyIds.toArray(UUID[]::new)).forEach(row -> keys.put(row.keyId(), unwrap(tenant, row)));
        return keys;
    }

    /** Destroys the key of one subject of the tenant (crypto-shredding); returns whether one existed. */
    public static boolean destroy(JdbcClient jdbc, UUID tenant, String subject) {
        return jdbc.sql("DELETE FROM subject_keys WHERE tenant_id = ? AND subject = ?").params(tenant, subject).update() > 0;
    }

    /** Destroys every key of the tenant; returns how many. */
    public static int destroyAll(JdbcClient jdbc, UUID tenant) {
        return jdbc.sql("DELETE FROM subject_keys WHERE tenant_id = ?").param(tenant).update();
    }

    /** Re-wraps the tenant's keys not wrapped by the current master key under it; returns how many. The log is not touched. */
    public int rewrap(JdbcClient jdbc, UUID tenant) {
        String current = wrapping.currentKeyId();
        List<Row> stale = jdbc.sql("""
                        SELECT subject, key_id, master_key_id, wrapped_key FROM subject_keys
                        WHERE tenant_id = ? AND master_key_id <> ? FOR UPDATE""")
                .params(tenant, current).query((rs, n) -> new Row(rs.getString(1), rs.getObject(2, UUID.class),
                        rs.getString(3), rs.getBytes(4))).list();
        for (Row row : stale) {
            byte[] context = context(tenant, row.subject(), row.keyId());
            byte[] material = wrapping.unwrap(new KeyWrapping.WrappedKey(row.masterKeyId(), row.wrapped()), context);
            KeyWrapping.WrappedKey wrapped = wrapping.wrap(material, context);
            jdbc.sql("UPDATE subject_keys SET master_key_id = ?, wrapped_key = ? WHERE tenant_id = ? AND key_id = ?")
                    .params(wrapped.masterKeyId(), wrapped.bytes(), tenant, row.keyId()).update();
        }
        return stale.size();
    }

    private static List<Row> select(JdbcClient jdbc, UUID tenant, String column, Object[] values) {
        if (values.length == 0) {
            return List.of();
        }
        return jdbc.sql(SELECT + column + " = ANY (?)").params(tenant, values).query((rs, n) -> row(rs)).list();
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getString(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getBytes(4));
    }

    private SubjectKey unwrap(UUID tenant, Row row) {
        synchronized (unwrapped) {
            SubjectKey cached = unwrapped.get(row.keyId());
            if (cached != null) {
                return cached;
            }
        }
        byte[] material = wrapping.unwrap(new KeyWrapping.WrappedKey(row.masterKeyId(), row.wrapped()),
                context(tenant, row.subject(), row.keyId()));
        SubjectKey key = new SubjectKey(row.keyId(), material);
        synchronized (unwrapped) {
            unwrapped.put(row.keyId(), key);
        }
        return key;
    }

    private static byte[] context(UUID tenant, String subject, UUID keyId) {
        return ("contextstore/data-key/v1|" + tenant + "|" + subject + "|" + keyId).getBytes(StandardCharsets.UTF_8);
    }
}
