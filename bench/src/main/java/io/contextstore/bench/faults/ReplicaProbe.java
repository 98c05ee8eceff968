package io.contextstore.bench.faults;

import io.contextstore.embedded.PostgresServer;
import io.contextstore.testing.ApiClient;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Read-your-writes against a lagging replica: a push through the load balancer, then pulls with {@code wait_for}
 * its cursor from the query instance that reads from the replica. While replay is paused the pull must not claim
 * the push (a watermark at or past its cursor without the event is a violation); once replay resumes it must
 * return it.
 */
final class ReplicaProbe {

    private final ApiClient gateway;
    private final ApiClient replicaReader;
    private final String token;
    private final PostgresServer replica;
    private int violations;
    private int probes;
    private double caughtUpSeconds = Double.NaN;
    private long cursor;
    private String id;

    ReplicaProbe(ApiClient gateway, ApiClient replicaReader, String token, PostgresServer replica) {
        this.gateway = gateway;
        this.replicaReader = replicaReader;
        this.token = token;
        this.replica = replica;
    }

    void pauseReplay() {
        replay("SELECT pg_wal_replay_pause()");
    }

    void resumeReplay() {
        replay("SELECT pg_wal_replay_resume()");
    }

    /** Five times: a push, and a pull of it (2 s wait) from the paused replica, whose answer must not claim it. */
    void pushAndPullWhilePaused() {
        for (int i = 0; i < 5; i++) {
            pushAndPull();
        }
    }

    private void pushAndPull() {
        ApiClient.Response pushed = gateway.post("/api/v1/context/decisions/", token,
                ApiClient.json(Map.of("title", "replica probe " + System.nanoTime(), "decision", "probe")));
        if (pushed.status() / 100 != 2) {
            throw new IllegalStateException("the probe's push failed: " + pushed.status() + " " + pushed.body());
        }
        cursor = pushed.json().get("cursor").longValue();
        id = pushed.json().get("id").stringValue();
        check(pull(2_000));
    }

    /** After resume: a pull waiting for the last push returns it. */
    void pullAfterResume() {
        long started = System.nanoTime();
        JsonNode page = pull(20_000);
        check(page);
        if (contains(page)) {
            caughtUpSeconds = (System.nanoTime() - started) / 1e9;
        } else {
            violations++; // the replica replays again, yet the push was not read within 20 s
        }
    }

    private JsonNode pull(int timeoutMillis) {
        probes++;
        ApiClient.Response response = replicaReader.get("/api/v1/context/pull?cursor=" + (cursor - 1) + "&wait_for=" + cursor
                + "&timeout_ms=" + timeoutMillis, token);
        if (response.status() != 200) {
            throw new IllegalStateException("the probe's pull failed: " + response.status() + " " + response.body());
        }
        return response.json();
    }

    private void check(JsonNode page) {
        if (page.get("watermark").longValue() >= cursor && !contains(page)) {
            violations++;
        }
    }

    private boolean contains(JsonNode page) {
        for (JsonNode event : page.get("events")) {
            if (id.equals(event.get("id").stringValue())) {
                return true;
            }
        }
        return false;
    }

    String summary() {
        return String.format("%d pulls from the replica's query instance, %d claimed a write they did not return;"
                + " after resume the write was read in %.1f s", probes, violations, caughtUpSeconds);
    }

    int violations() {
        return violations;
    }

    private void replay(String sql) {
        try (Connection c = DriverManager.getConnection(replica.jdbcUrl("postgres"), PostgresServer.SUPERUSER, "");
             Statement statement = c.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " on the replica failed: " + e.getMessage(), e);
        }
    }
}
