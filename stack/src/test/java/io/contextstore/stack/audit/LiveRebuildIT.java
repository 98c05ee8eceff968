package io.contextstore.stack.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.testing.ApiClient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The live read model rebuilt from the log while pulls and pushes go on: pulls answer correctly
 * throughout, see the rebuilt data after the switch, and the live projector carries on from the
 * rebuilt tables' offsets with nothing lost or doubled.
 */
class LiveRebuildIT {

    private final AuditFixture fixture = new AuditFixture();
    private final ApiClient api = fixture.api;

    @Test
    void pullsKeepAnsweringDuringTheRebuildAndTheSwitchAndSeeTheRebuiltDataAfterIt() throws Exception {
        AuditFixture.Audited tenant = fixture.auditedTenant();
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            items.add(AuditFixture.item(i % 2 == 0 ? "decision" : "message", i));
        }
        List<Long> initial = fixture.push(tenant.alice(), items);
        fixture.awaitProjected(tenant.inHouse(), initial.get(initial.size() - 1));
        long forged = initial.get(0);
        fixture.asOwner(tenant.tenantId(), "UPDATE context_events SET data = jsonb_set(data, '{title}', '\"forged\"') "
                + "WHERE kafka_offset = " + forged);
        long tableBefore = oid("public.context_events");
        long scopePoliciesBefore = scopePolicies();
        Set<Long> initialOffsets = new HashSet<>(initial);

        AtomicBoolean stop = new AtomicBoolean();
        List<String> failures = new CopyOnWriteArrayList<>();
        Set<Long> pushedDuring = ConcurrentHashMap.newKeySet();
        Set<Long> pulledOffsets = ConcurrentHashMap.newKeySet();
        AtomicInteger pulls = new AtomicInteger();
        Thread puller = new Thread(() -> {
            while (!stop.get()) {
                List<JsonNode> events = pullAll(tenant.inHouse(), failures);
                List<Long> offsets = events.stream().map(e -> e.get("offset").longValue()).toList();
                if (!offsets.stream().sorted().distinct().toList().equals(offsets)) {
                    failures.add("a pull was out of order or repeated an event");
                }
                if (!new HashSet<>(offsets).containsAll(initialOffsets)) {
                    failures.add("a pull missed events pushed before the rebuild");
                }
                pulledOffsets.addAll(offsets);
                pulls.incrementAndGet();
            }
        }, "puller");
        Thread pusher = new Thread(() -> {
            for (int i = 0; !stop.get(); i++) {
                ApiClient.Response response = api.post("/api/v1/context/push", tenant.bob(),
                        ApiClient.json(Map.of("items", List.of(AuditFixture.item("learning", 100_000 + i)))));
                if (response.status() != 200) {
                    failures.add("push answered " + response.status());
                } else {
                    pushedDuring.add(response.json().get("results").get(0).get("cursor").longValue() - 1);
                }
            }
        }, "pusher");
        puller.start();
        pusher.start();

        AuditRuns.Run rebuild = fixture.audit("rebuild-live", "--rebuild-schema", "live_rebuild_it",
                "--retired-schema", "live_rebuild_it_retired");
        int pullsDuringRebuild = pulls.get();
        int pushedBeforeTheEnd = pushedDuring.size();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> pushedDuring.size() >= pushedBeforeTheEnd + 3);
        stop.set(true);
        pusher.join();
        puller.join();

        assertThat(rebuild.exitCode()).as(rebuild.out() + rebuild.err()).isZero();
        assertThat(rebuild.out()).containsPattern("in \\d+ ms \\(of which the vacuum \\d+ ms;");
        System.out.println(rebuild.out() + "pulls during the rebuild: " + pullsDuringRebuild);
        assertThat(failures).isEmpty();
        assertThat(pullsDuringRebuild).isPositive();
        assertThat(oid("public.context_events")).isNotEqualTo(tableBefore);
        assertThat(notVacuumedAndAnalyzed()).as("swapped-in tables that went live without a vacuum and an analyze").isEmpty();
        long last = pushedDuring.stream().mapToLong(Long::longValue).max().orElseThrow();
        fixture.awaitProjected(tenant.inHouse(), last);
        List<JsonNode> after = fixture.pullAll(tenant.inHouse());
        Set<Long> expected = new HashSet<>(initial);
        expected.addAll(pushedDuring);
        assertThat(after).extracting(e -> e.get("offset").longValue())
                .isSorted().doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        assertThat(after.get(0).get("data").get("title").stringValue()).isEqualTo("decision 0");
        assertThat(pulledOffsets).isSubsetOf(expected);
        assertThat(fixture.audit("verify", "--tenant", tenant.tenantId().toString()).exitCode()).isZero();
        AuditRuns.Run replay = fixture.audit("replay", "--tenant", tenant.tenantId().toString(),
                "--license-key", tenant.auditorKey());
        assertThat(replay.exitCode()).as(replay.err()).isZero();
        assertThat(schemaExists("live_rebuild_it") || schemaExists("live_rebuild_it_retired")).isFalse();
        // the swapped tables carry the project boundary (ADR 36), and dropping the other schemas took none of it
        assertThat(scopePolicies()).isEqualTo(scopePoliciesBefore).isGreaterThanOrEqualTo(9);
    }

    /** Only a VACUUM command sets last_vacuum (autovacuum sets last_autovacuum), so this sees the rebuild's own. */
    private List<String> notVacuumedAndAnalyzed() throws Exception {
        try (Connection owner = fixture.infrastructure.ownerConnection();
             PreparedStatement statement = owner.prepareStatement("SELECT t.name FROM unnest(?::text[]) AS t(name)"
                     + " LEFT JOIN pg_stat_user_tables s ON s.schemaname = 'public' AND s.relname = t.name"
                     + " WHERE s.last_vacuum IS NULL OR s.last_analyze IS NULL")) {
            statement.setArray(1, owner.createArrayOf("text", ReadModelTables.SWAPPED.toArray()));
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            return tables;
        }
    }

    private long scopePolicies() throws Exception {
        try (Connection owner = fixture.infrastructure.ownerConnection();
             PreparedStatement statement = owner.prepareStatement(
                     "SELECT count(*) FROM pg_policies WHERE schemaname = 'public' AND policyname = 'scope_isolation'");
             ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private List<JsonNode> pullAll(String token, List<String> failures) {
        List<JsonNode> events = new ArrayList<>();
        long cursor = -1;
        while (true) {
            ApiClient.Response response = api.get("/api/v1/context/pull?limit=1000&cursor=" + cursor, token);
            if (response.status() != 200) {
                failures.add("pull answered " + response.status() + ": " + response.body());
                return events;
            }
            JsonNode page = response.json();
            page.get("events").forEach(events::add);
            cursor = page.get("next_cursor").longValue();
            if (!page.get("has_more").booleanValue()) {
                return events;
            }
        }
    }

    private long oid(String table) throws Exception {
        try (Connection owner = fixture.infrastructure.ownerConnection();
             PreparedStatement statement = owner.prepareStatement("SELECT ?::regclass::oid::bigint")) {
            statement.setString(1, table);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private boolean schemaExists(String schema) throws Exception {
        try (Connection owner = fixture.infrastructure.ownerConnection();
             PreparedStatement statement = owner.prepareStatement("SELECT count(*) FROM pg_namespace WHERE nspname = ?")) {
            statement.setString(1, schema);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }
}
