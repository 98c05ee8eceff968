package io.contextstore.client.redaction;

import io.contextstore.client.items.Item;
import io.contextstore.redaction.Allowlist;
import io.contextstore.redaction.Redacted;
import io.contextstore.redaction.SecretDetector;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Redaction before the queue (ADR 31): every text of an item to record goes through the shared detector,
 * minus what the user's allowlist names, before the item is hashed, queued or written to a tier. Only
 * {@link io.contextstore.client.LocalContext} and the legacy import record items, and both start here.
 */
public final class ItemRedaction {

    private final SecretDetector detector;

    private ItemRedaction(SecretDetector detector) {
        this.detector = detector;
    }

    /** All rules, with the allowlist of {@code allowlistFile} when there is one. */
    public static ItemRedaction withAllowlist(Path allowlistFile) {
        return new ItemRedaction(SecretDetector.standard().allowing(Allowlist.load(allowlistFile)));
    }

    /** Redacted items, in order, and how many secrets of each rule they held. */
    public record Result(List<Item> items, Map<String, Integer> counts) {

        /** Adds the counts to sessions.db's {@code redaction_counts}, in the caller's transaction. */
        public void count(Connection sessions) throws SQLException {
            if (counts.isEmpty()) {
                return;
            }
            try (PreparedStatement add = sessions.prepareStatement("INSERT INTO redaction_counts (rule, redactions) VALUES (?, ?)"
                    + " ON CONFLICT (rule) DO UPDATE SET redactions = redactions + excluded.redactions")) {
                for (Map.Entry<String, Integer> count : counts.entrySet()) {
                    add.setString(1, count.getKey());
                    add.setInt(2, count.getValue());
                    add.executeUpdate();
                }
            }
        }
    }

    public Result redact(List<Item> items) {
        Map<String, Integer> counts = new TreeMap<>();
        List<Item> redacted = new ArrayList<>(items.size());
        for (Item item : items) {
            Map<String, Object> content = new LinkedHashMap<>();
            boolean changed = false;
            for (Map.Entry<String, Object> field : item.content().entrySet()) {
                Object value = field.getValue();
                Object clean = field.getKey().equals("kind") ? value : redactValue(value, counts);
                changed |= clean != value;
                content.put(field.getKey(), clean);
            }
            redacted.add(changed ? item.withContent(content) : item);
        }
        return new Result(List.copyOf(redacted), counts);
    }

    private Object redactValue(Object value, Map<String, Integer> counts) {
        if (value instanceof String text) {
            Redacted redacted = detector.redact(text);
            for (Map.Entry<String, Integer> count : redacted.counts().entrySet()) {
                counts.merge(count.getKey(), count.getValue(), Integer::sum);
            }
            return redacted.changed() ? redacted.text() : value;
        }
        if (value instanceof List<?> values) {
            List<Object> clean = new ArrayList<>(values.size());
            boolean changed = false;
            for (Object element : values) {
                Object redacted = redactValue(element, counts);
                changed |= redacted != element;
                clean.add(redacted);
            }
            return changed ? List.copyOf(clean) : value;
        }
        if (value instanceof Map<?, ?> members) {
            // not a field of any kind (the server refuses it), but it is queued as written until then
            Map<Object, Object> clean = new LinkedHashMap<>();
            boolean changed = false;
            for (Map.Entry<?, ?> member : members.entrySet()) {
                Object redacted = redactValue(member.getValue(), counts);
                changed |= redacted != member.getValue();
                clean.put(member.getKey(), redacted);
            }
            return changed ? clean : value;
        }
        return value;
    }

    /** The counts of sessions.db, by rule id. */
    public static Map<String, Long> counts(Connection sessions) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (PreparedStatement select = sessions.prepareStatement("SELECT rule, redactions FROM redaction_counts ORDER BY rule");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getLong(2));
            }
        }
        return counts;
    }
}
