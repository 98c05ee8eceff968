package io.contextstore.client.edits;

import io.contextstore.client.LocalContext;
import io.contextstore.client.items.Kind;
import io.contextstore.client.json.Json;
import io.contextstore.client.tiers.Edits;
import io.contextstore.client.tiers.Tier;
import io.contextstore.events.FieldRule;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The conflicts this machine's tiers hold (ADR 39), for {@code ctx conflicts} offline and the MCP tool
 * {@code list_conflicts}: a pull keeps every current version of an item, so an item with several is in conflict here
 * too, as of the last pull, without asking the server. What was edited here and not yet synced is not in it.
 */
public final class LocalConflicts {

    /** What the answer says of where it comes from. */
    public static final String SOURCE = "local";

    private final LocalContext context;

    public LocalConflicts(LocalContext context) {
        this.context = context;
    }

    /** Every item in conflict on this machine, the most recently conflicting last. */
    public List<Conflict> list() {
        List<LocalVersion> versions = new ArrayList<>();
        for (Tier tier : Tier.values()) {
            if (Edits.held(tier)) {
                context.existingTier(tier).ifPresent(database -> database.read(c -> {
                    for (Kind kind : Edits.versionKinds(tier)) {
                        versions.addAll(edited(c, kind));
                    }
                    return null;
                }));
            }
        }
        return Conflict.among(versions);
    }

    /**
     * The conflicts as JSON: the server's shape, with {@code source} and a note saying that this is the machine's view
     * and {@code why} it was asked instead of the server.
     */
    public static Map<String, Object> json(List<Conflict> conflicts, String why) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("source", SOURCE);
        json.put("note", "this machine's view, as of its last pull (" + why + ")");
        json.put("conflicts", conflicts.stream().map(conflict -> (Object) conflict.toJson()).toList());
        return json;
    }

    /**
     * The kind's rows that are versions of an item edited at least once (only such an item can be in conflict): a
     * later version is in {@code item_of}, and so is the item, once it has one.
     */
    private static List<LocalVersion> edited(Connection c, Kind kind) throws SQLException {
        String sql = "SELECT " + Edits.itemOf("t") + ", t.cursor, t.event_id, t.user_id, t.device_id, t.project_id,"
                + " coalesce(t.occurred_at, t.received_at), " + String.join(", ", kind.fields().stream().map(f -> "t." + f).toList())
                + " FROM " + kind.table() + " t WHERE t.cursor IS NOT NULL AND t.event_id IN"
                + " (SELECT event_id FROM item_of UNION SELECT item_id FROM item_of)";
        List<LocalVersion> versions = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(sql); ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                Map<String, Object> data = new LinkedHashMap<>();
                for (int i = 0; i < kind.fields().size(); i++) {
                    data.put(kind.fields().get(i), value(kind.event().fields().get(i), rows.getObject(8 + i)));
                }
                versions.add(new LocalVersion(rows.getString(1), rows.getLong(2), rows.getString(3), kind, rows.getString(4),
                        rows.getString(5), rows.getString(6), rows.getString(7), data));
            }
        }
        return versions;
    }

    /** A column's value as the field's: tags are kept as a JSON array's text. */
    private static Object value(FieldRule rule, Object column) {
        return rule.type() == FieldRule.Type.TAGS && column != null ? Json.parse(String.valueOf(column)) : column;
    }
}
