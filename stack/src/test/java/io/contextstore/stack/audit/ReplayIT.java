package io.contextstore.stack.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.events.ContextEvent;
import io.contextstore.events.EventKind;
import io.contextstore.events.Scope;
import io.contextstore.events.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The auditor's replay: the log of one tenant, as JSON Lines, with its audit chain recomputed and compared. */
class ReplayIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> KINDS = List.of("message", "task", "decision", "learning", "error_solution",
            "project_context");
    private static final AuditFixture fixture = new AuditFixture();
    private static AuditFixture.Audited audited;
    private static long duplicateOffset;
    private static long poisonOffset;
    private static long unscopedOffset;
    private static long lastOffset;

    /**
     * 3,000 items from two users, then a second copy of one of them, an undecodable record and an event of a scope no
     * reader knows (which the projector parks) on the log.
     */
    @BeforeAll
    static void aTenantWithThousandsOfEvents() {
        audited = fixture.auditedTenant();
        List<Map<String, Object>> alices = new ArrayList<>();
        List<Map<String, Object>> bobs = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            (i % 2 == 0 ? alices : bobs).add(AuditFixture.item(KINDS.get(i % KINDS.size()), i));
        }
        List<Long> cursors = fixture.push(audited.alice(), alices);
        cursors.addAll(fixture.push(audited.bob(), bobs));
        duplicateOffset = fixture.duplicateInTheLog(audited.tenantId(), cursors.get(10));
        poisonOffset = fixture.produce(audited.tenantId().toString().getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xC3, 0x01, 1, 2, 3}, List.of());
        ContextEvent unscoped = Topics.CONTEXT_EVENTS.value().decode(
                fixture.services.topic().eventsOf(audited.tenantId()).get(1).value());
        unscoped.setScope(Scope.newBuilder().setLevel("galaxy").setProjectId(null).build());
        unscopedOffset = fixture.produce(audited.tenantId().toString().getBytes(StandardCharsets.UTF_8),
                Topics.CONTEXT_EVENTS.value().encode(unscoped), List.of());
        lastOffset = fixture.produce(audited.tenantId().toString().getBytes(StandardCharsets.UTF_8),
                fixture.services.topic().eventsOf(audited.tenantId()).get(0).value(), List.of());
        fixture.awaitProjected(audited.inHouse(), lastOffset);
    }

    @Test
    void aReplayOfAllOfATenantsEventsMatchesItsPullsEventForEventAndTheStoredChain() throws Exception {
        AuditRuns.Run run = fixture.audit("replay", "--tenant", audited.tenantId().toString(),
                "--license-key", audited.auditorKey());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("audit chain matches the read model");
        List<JsonNode> lines = lines(run.out());
        assertThat(lines).hasSize(3004);
        assertThat(lines).extracting(l -> l.get("offset").longValue()).isSorted().doesNotHaveDuplicates();
        List<JsonNode> kept = lines.stream().filter(l -> l.get("kept").booleanValue()).toList();
        List<JsonNode> pulled = fixture.pullAll(audited.inHouse());
        assertThat(kept).hasSize(3000).hasSameSizeAs(pulled);
        for (int i = 0; i < pulled.size(); i++) {
            JsonNode pull = pulled.get(i);
            JsonNode replayed = kept.get(i);
            assertThat(replayed.get("offset").longValue()).isEqualTo(pull.get("offset").longValue());
            for (String field : List.of("id", "kind", "user_id", "device_id", "project_id", "client_seq")) {
                assertThat(replayed.get(field)).as(field + " at " + pull.get("offset")).isEqualTo(pull.get(field));
            }
            ContextEvent logged = Topics.CONTEXT_EVENTS.value().decode(Base64.getDecoder().decode(replayed.get("value").stringValue()));
            for (String time : List.of("occurred_at", "received_at")) {
                assertThat(Instant.parse(replayed.get(time).stringValue())).as(time)
                        .isEqualTo(Instant.parse(pull.get(time).stringValue()));
            }
            if (logged.getSealed() == null) {
                assertThat(replayed.get("content_hash")).as("content_hash at " + pull.get("offset")).isEqualTo(pull.get("content_hash"));
                assertThat(replayed.get("data")).as("data at " + pull.get("offset")).isEqualTo(pull.get("data"));
            } else {
                // The log shows what the log holds (ADR 33): its hash is keyed, so it is not the plain hash a pull
                // returns, and its text fields are sealed; every field in the clear is the pull's.
                assertThat(replayed.get("content_hash")).as("keyed hash at " + pull.get("offset")).isNotEqualTo(pull.get("content_hash"));
                List<String> sealedFields = EventKind.of(logged).sealedFields();
                for (String field : pull.get("data").propertyNames()) {
                    if (!sealedFields.contains(field)) {
                        assertThat(replayed.get("data").get(field)).as(field + " at " + pull.get("offset"))
                                .isEqualTo(pull.get("data").get(field));
                    }
                }
            }
        }
        assertThat(line(lines, duplicateOffset).get("kept").booleanValue()).isFalse();
        assertThat(line(lines, lastOffset).get("kept").booleanValue()).isFalse();
        assertThat(line(lines, poisonOffset).has("undecodable")).isTrue();
        assertThat(line(lines, unscopedOffset).get("undecodable").stringValue()).contains("scope is none the projector knows");
        assertThat(kept.get(kept.size() - 1).get("chain").stringValue()).isEqualTo(storedHead());
        assertThat(kept.get(0).get("headers").get("ce_id").stringValue()).isEqualTo(kept.get(0).get("id").stringValue());
    }

    @Test
    void aReplayFromAnOffsetOrATimeWritesTheRestOfTheLogToAFileAndStillMatches(@TempDir Path directory) throws Exception {
        long middle = fixture.pullAll(audited.inHouse()).get(1500).get("offset").longValue();
        Path file = directory.resolve("replay.jsonl");

        AuditRuns.Run fromOffset = fixture.audit("replay", "--tenant", audited.tenantId().toString(),
                "--license-key", audited.auditorKey(), "--from-offset", Long.toString(middle), "--output", file.toString());
        AuditRuns.Run fromTheFuture = fixture.audit("replay", "--tenant", audited.tenantId().toString(),
                "--license-key", audited.auditorKey(), "--from-time", "2999-01-01T00:00:00Z");

        assertThat(fromOffset.exitCode()).as(fromOffset.err()).isZero();
        List<JsonNode> lines = lines(Files.readString(file));
        assertThat(lines.get(0).get("offset").longValue()).isEqualTo(middle);
        assertThat(lines.stream().filter(l -> l.get("kept").booleanValue())).hasSize(1500);
        assertThat(fromTheFuture.exitCode()).as(fromTheFuture.err()).isZero();
        assertThat(fromTheFuture.out()).isEmpty();
    }

    @Test
    void aChainValueAlteredInPostgresIsReportedAtItsOffset() throws Exception {
        AuditFixture.Audited small = fixture.auditedTenant();
        List<Long> cursors = fixture.push(small.alice(), List.of(AuditFixture.item("decision", 1),
                AuditFixture.item("decision", 2), AuditFixture.item("task", 3), AuditFixture.item("decision", 4)));
        fixture.awaitProjected(small.inHouse(), cursors.get(3));
        fixture.asOwner(small.tenantId(), "UPDATE context_events SET chain = repeat('ab', 32) WHERE kafka_offset = " + cursors.get(2));

        AuditRuns.Run run = fixture.audit("replay", "--tenant", small.tenantId().toString(),
                "--license-key", small.auditorKey());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(AuditCommand.DIFFERENT);
        assertThat(run.err()).contains("DIVERGENCE at offset " + cursors.get(2) + ": chain differs");
        assertThat(lines(run.out())).hasSize(4);
    }

    @Test
    void anEventDeletedFromTheReadModelIsReportedAsMissingAtItsOffset() throws Exception {
        AuditFixture.Audited small = fixture.auditedTenant();
        List<Long> cursors = fixture.push(small.alice(), List.of(AuditFixture.item("learning", 1),
                AuditFixture.item("learning", 2), AuditFixture.item("learning", 3)));
        fixture.awaitProjected(small.inHouse(), cursors.get(2));
        fixture.asOwner(small.tenantId(), "DELETE FROM context_events WHERE kafka_offset = " + cursors.get(1));

        AuditRuns.Run run = fixture.audit("replay", "--tenant", small.tenantId().toString(),
                "--license-key", small.auditorKey());

        assertThat(run.exitCode()).isEqualTo(AuditCommand.DIFFERENT);
        assertThat(run.err()).contains("DIVERGENCE at offset " + cursors.get(1) + ": the log's event is missing");
    }

    private String storedHead() {
        String token = fixture.api.login(audited.auditorKey(), "check");
        return fixture.api.get("/api/v1/audit/tenants/" + audited.tenantId() + "/chain", token).json()
                .get("chain_head").stringValue();
    }

    private static JsonNode line(List<JsonNode> lines, long offset) {
        return lines.stream().filter(l -> l.get("offset").longValue() == offset).findFirst().orElseThrow();
    }

    static List<JsonNode> lines(String text) {
        return text.lines().filter(l -> !l.isBlank()).map(JSON::readTree).toList();
    }
}
