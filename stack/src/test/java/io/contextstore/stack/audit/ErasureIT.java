package io.contextstore.stack.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.events.ErasedAuthor;
import io.contextstore.platform.db.ServiceRole;
import io.contextstore.stack.admin.AdminCommand;
import io.contextstore.testing.ApiClient;
import io.contextstore.testing.Infrastructure;
import io.contextstore.testing.Tenants.TestTenant;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

/**
 * Crypto-shredding end to end (ADR 33) against the real broker and database: before an erasure the user's
 * content is readable through the API and, with the keys the system holds, from the log; after it, no row
 * of PostgreSQL holds it, no key the system still holds opens it in Kafka, no record holds it in the clear,
 * other users and tenants are untouched, and a rebuild from the log equals the live read model.
 */
class ErasureIT {

    private final AuditFixture fixture = new AuditFixture();
    private final SealedLog log = new SealedLog(fixture.services);

    @Test
    void erasingAUserLeavesNothingOfTheirsReadableInPostgresOrKafkaWhileOthersAndTheAuditStayIntact() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        TestTenant alice = fixture.services.tenants().create("alice-" + marker);
        TestTenant bob = fixture.services.tenants().member(alice.tenantId(), "bob-" + marker);
        String aliceToken = fixture.api.login(alice.licenseKey(), "laptop");
        String bobToken = fixture.api.login(bob.licenseKey(), "laptop");
        String aliceMessage = "alice-private-" + marker;
        String aliceTask = "alice-task-" + marker;
        String teamDecision = "team-decision-" + marker;
        String personalDecision = "personal-decision-" + marker; // sealed under alice's key, like her own kinds (ADR 36)
        String bobMessage = "bob-private-" + marker;
        fixture.push(aliceToken, List.of(AuditFixture.message(aliceMessage), task(aliceTask),
                Map.of("kind", "decision", "title", teamDecision, "decision", "kept for the team"),
                Map.of("kind", "decision", "title", personalDecision, "decision", "hers alone", "scope", "personal")));
        // pushed personal, then shared with the tenant (ADR 36): the share is sealed under the tenant's key, the team's
        String sharedDecision = "shared-decision-" + marker;
        Map<String, Object> personal = Map.of("kind", "decision", "title", sharedDecision, "decision", "now the team's",
                "scope", "personal");
        String personalId = fixture.api.post("/api/v1/context/push", aliceToken, ApiClient.json(personal)).json()
                .get("id").stringValue();
        Map<String, Object> share = new java.util.HashMap<>(personal);
        share.put("scope", "tenant");
        share.put("shares", personalId);
        assertThat(fixture.api.post("/api/v1/context/share", aliceToken, ApiClient.json(share)).status()).isEqualTo(201);
        long last = fixture.push(bobToken, List.of(AuditFixture.message(bobMessage))).get(0);
        fixture.awaitProjected(bobToken, last);

        assertThat(texts(fixture.pullAll(aliceToken))).contains(aliceMessage, aliceTask, teamDecision, personalDecision);
        assertThat(log.readableTexts(alice.tenantId())).contains(aliceMessage, aliceTask, teamDecision, personalDecision,
                bobMessage);
        for (String text : List.of(aliceMessage, aliceTask, teamDecision, personalDecision, bobMessage)) {
            assertThat(log.anyRecordHolds(text)).as("%s in the clear in Kafka", text).isFalse();
        }
        assertThat(log.rowsHolding(alice.tenantId(), aliceMessage)).isNotEmpty();

        assertThat(admin("erase-user", "--tenant", alice.tenantId().toString(), "--user", alice.userId())).isZero();

        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> log.rowsHolding(alice.tenantId(), aliceMessage).isEmpty());
        assertThat(log.rowsHolding(alice.tenantId(), aliceTask)).isEmpty();
        assertThat(log.rowsHolding(alice.tenantId(), personalDecision)).isEmpty();
        assertThat(log.readableTexts(alice.tenantId())).doesNotContain(aliceMessage, aliceTask, personalDecision)
                .contains(teamDecision, bobMessage);
        assertThat(log.anyRecordHolds(aliceMessage)).isFalse();
        assertThat(texts(fixture.pullAll(aliceToken))).doesNotContain(aliceMessage, aliceTask, personalDecision)
                .contains(teamDecision);
        List<JsonNode> bobSees = fixture.pullAll(bobToken);
        assertThat(texts(bobSees)).contains(bobMessage, teamDecision, sharedDecision);
        assertThat(log.readableTexts(alice.tenantId())).as("the share outlives its author, as her team decision does")
                .contains(sharedDecision);
        assertThat(bobSees).filteredOn(e -> e.get("kind").stringValue().equals("decision"))
                .allSatisfy(e -> assertThat(e.get("user_id").stringValue()).isEqualTo(ErasedAuthor.NAME));
        assertThat(log.rowsHolding(alice.tenantId(), alice.userId())).as("rows naming alice: her account and whom to purge")
                .containsOnlyKeys("license_keys", "erased_subjects");
        assertVerified(alice.tenantId());

        assertThat(admin("erase-user", "--tenant", alice.tenantId().toString(), "--user", alice.userId())).as("again").isZero();
    }

    @Test
    void deletingATenantAfterConfirmationLeavesNothingOfItReadableAndAnotherTenantUntouched() throws Exception {
        TestTenant gone = fixture.services.tenants().create("dana");
        TestTenant stays = fixture.services.tenants().create("erin");
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String goneToken = fixture.api.login(gone.licenseKey(), "laptop");
        String staysToken = fixture.api.login(stays.licenseKey(), "laptop");
        fixture.push(goneToken, List.of(AuditFixture.message("gone-message-" + marker),
                Map.of("kind", "decision", "title", "gone-decision-" + marker, "decision", "d")));
        long last = fixture.push(staysToken, List.of(AuditFixture.message("stays-message-" + marker))).get(0);
        fixture.awaitProjected(staysToken, last);

        assertThat(adminWithInput("not the id\n", "delete-tenant", "--tenant", gone.tenantId().toString())).isEqualTo(1);
        assertThat(log.rowsHolding(gone.tenantId(), "gone-message-" + marker)).as("not confirmed: nothing deleted").isNotEmpty();
        assertThat(adminWithInput(gone.tenantId() + "\n", "delete-tenant", "--tenant", gone.tenantId().toString())).isZero();

        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> log.rowsHolding(gone.tenantId(), "").isEmpty());
        assertThat(log.readableTexts(gone.tenantId())).doesNotContain("gone-message-" + marker, "gone-decision-" + marker);
        assertThat(fixture.api.post("/api/v1/auth/license/", null,
                "{\"license_key\": \"" + gone.licenseKey() + "\", \"device_id\": \"laptop\"}").status()).isEqualTo(401);
        assertThat(fixture.api.post("/api/v1/context/push", goneToken, io.contextstore.testing.ApiClient.json(AuditFixture.message("late")))
                .status()).as("a token that outlived its tenant seals nothing new").isEqualTo(403);
        assertThat(log.readableTexts(stays.tenantId())).contains("stays-message-" + marker);
        assertThat(texts(fixture.pullAll(staysToken))).contains("stays-message-" + marker);
        assertVerified(stays.tenantId());
        assertVerified(gone.tenantId());

        assertThat(admin("delete-tenant", "--tenant", gone.tenantId().toString(), "--yes")).as("again").isZero();
    }

    @Test
    void anAuditReplayAfterAnErasureShowsTheErasureAndFindsTheChainThroughTheErasedEventsIntact() throws Exception {
        AuditFixture.Audited audited = fixture.auditedTenant();
        String marker = UUID.randomUUID().toString().substring(0, 8);
        fixture.push(audited.alice(), List.of(AuditFixture.message("alice-before-" + marker),
                Map.of("kind", "decision", "title", "alice-decision-" + marker, "decision", "d")));
        fixture.push(audited.bob(), List.of(AuditFixture.message("bob-before-" + marker)));
        assertThat(admin("erase-user", "--tenant", audited.tenantId().toString(), "--user", "alice")).isZero();
        long last = fixture.push(audited.bob(), List.of(AuditFixture.message("bob-after-" + marker))).get(0);
        fixture.awaitProjected(audited.inHouse(), last);

        AuditRuns.Run run = fixture.audit("replay", "--tenant", audited.tenantId().toString(),
                "--license-key", audited.auditorKey());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("audit chain matches the read model").contains(", 1 erasures, 0 undecodable");
        List<JsonNode> lines = run.out().lines().map(line -> (JsonNode) AuditClient.JSON.readTree(line)).toList();
        assertThat(lines).hasSize(5);
        assertThat(lines).filteredOn(line -> line.has("erasure")).singleElement().satisfies(erasure -> {
            assertThat(erasure.get("erasure").get("user_id").stringValue()).isEqualTo("alice");
            assertThat(erasure.get("kept").booleanValue()).isFalse();
        });
        assertThat(lines).filteredOn(line -> line.get("kept").booleanValue()).as("every event, erased or not, in the chain")
                .hasSize(4);
        assertThat(run.out()).doesNotContain("alice-before-" + marker).doesNotContain("alice-decision-" + marker);
        assertVerified(audited.tenantId());
    }

    /** audit verify: the read model rebuilt from the log beside the live one, table by table, equal. */
    private void assertVerified(UUID tenant) {
        AuditRuns.Run verify = fixture.audit("verify", "--tenant", tenant.toString());
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
    }

    private static Map<String, Object> task(String description) {
        return Map.of("kind", "task", "task_id", "t-1", "description", description, "status", "in_progress");
    }

    private static List<String> texts(List<JsonNode> events) {
        List<String> texts = new ArrayList<>();
        events.forEach(event -> event.get("data").forEach(value -> texts.add(value.isString() ? value.stringValue() : value.toString())));
        return texts;
    }

    private int admin(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--database-url", fixture.infrastructure.databaseUrl(),
                "--database-password", Infrastructure.password(ServiceRole.ADMIN),
                "--bootstrap-servers", fixture.infrastructure.kafkaBootstrapServers(),
                "--master-key-file", fixture.services.masterKeyFile().toString()));
        return new CommandLine(new AdminCommand()).execute(all.toArray(String[]::new));
    }

    private int adminWithInput(String input, String... args) {
        InputStream in = System.in;
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        try {
            return admin(args);
        } finally {
            System.setIn(in);
        }
    }
}
