package io.contextstore.client;

import io.contextstore.client.auth.Session;
import io.contextstore.client.http.HttpAnswer;
import io.contextstore.client.json.Json;
import io.contextstore.client.json.JsonException;
import io.contextstore.client.json.JsonValues;
import io.contextstore.client.queue.QueueCounts;
import io.contextstore.client.redaction.ItemRedaction;
import io.contextstore.client.sync.Puller;
import io.contextstore.client.tiers.Tier;
import io.contextstore.client.tiers.TierDatabase;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code ctx status} as data: queue depth and dead items, the last sync, each tier's cursor, the secrets
 * redacted before the queue by rule, and,
 * when asked and reachable, the server's view (watermark, projector lag), which is kept in
 * platform.db. Returned as a JSON-ready map so text and {@code --json} show the same facts.
 */
public final class StatusReader {

    private StatusReader() {
    }

    public static Map<String, Object> local(LocalContext context) {
        Map<String, Object> status = new LinkedHashMap<>();
        QueueCounts counts = context.queue().counts();
        Map<String, Object> queue = new LinkedHashMap<>();
        queue.put("pending", counts.pending());
        queue.put("dead", counts.dead());
        queue.put("oldest_pending", counts.oldestPending() == null ? null : counts.oldestPending().toString());
        queue.put("next_attempt", counts.nextAttempt() == null ? null : counts.nextAttempt().toString());
        status.put("profile", context.home().profile());
        status.put("queue", queue);
        status.put("account", context.credentials().map(c -> (Object) Map.of("server", c.server(),
                "tenant_id", String.valueOf(c.tenantId()), "user_id", String.valueOf(c.userId()),
                "device_id", c.deviceId())).orElse(null));
        status.put("last_sync", lastSync(context.tier(Tier.PLATFORM)));
        Map<String, Object> cursors = new LinkedHashMap<>();
        for (Tier tier : Puller.PULLED_TIERS) {
            String cursor = context.tier(tier).state("cursor");
            cursors.put(tier.fileName(), cursor == null ? null : Long.parseLong(cursor));
        }
        status.put("cursors", cursors);
        status.put("redactions", context.tier(Tier.SESSIONS).read(ItemRedaction::counts));
        return status;
    }

    /** The server's {@code GET /api/v1/context/status}, stored in platform.db; null values if it could not be read. */
    public static Map<String, Object> server(LocalContext context, Session session) {
        HttpAnswer answer = session.api().get("/api/v1/context/status", session.token());
        if (answer.status() == 401) {
            session.refresh();
            answer = session.api().get("/api/v1/context/status", session.token());
        }
        if (!answer.successful()) {
            return Map.of("error", answer.problem().describe());
        }
        Map<String, Object> json;
        try {
            json = Json.parseObject(answer.body());
        } catch (JsonException e) {
            return Map.of("error", "unexpected answer: " + e.getMessage());
        }
        Long watermark = json.get("watermark") instanceof Long n ? n : null;
        Long lag = json.get("projector_lag") instanceof Long n ? n : null;
        String body = answer.body();
        String now = context.clock().instant().toString();
        context.tier(Tier.PLATFORM).inTransaction(c -> {
            try (PreparedStatement upsert = c.prepareStatement("INSERT INTO server_status (id, status_json, watermark,"
                    + " projector_lag, fetched_at) VALUES (1, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                    + " status_json = excluded.status_json, watermark = excluded.watermark,"
                    + " projector_lag = excluded.projector_lag, fetched_at = excluded.fetched_at")) {
                upsert.setString(1, body);
                upsert.setObject(2, watermark);
                upsert.setObject(3, lag);
                upsert.setString(4, now);
                upsert.executeUpdate();
            }
            return null;
        });
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("watermark", watermark);
        server.put("projector_lag", lag);
        server.put("last_cursor", json.get("last_cursor") instanceof Long n ? n : null);
        server.put("counts", JsonValues.object(json, "counts"));
        return server;
    }

    private static Map<String, Object> lastSync(TierDatabase platform) {
        return platform.read(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT finished_at, outcome, sent, dead, pulled, message"
                    + " FROM sync_runs ORDER BY id DESC LIMIT 1");
                 ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return null;
                }
                Map<String, Object> run = new LinkedHashMap<>();
                run.put("finished_at", rows.getString(1));
                run.put("outcome", rows.getString(2));
                run.put("sent", rows.getLong(3));
                run.put("dead", rows.getLong(4));
                run.put("pulled", rows.getLong(5));
                run.put("message", rows.getString(6));
                return run;
            }
        });
    }
}
