package io.contextstore.stack.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.platform.tenancy.AuditGrants;
import io.contextstore.testing.ApiClient;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Auditors use their own role and replay only the tenants they are granted; bad requests are 4xx problem+json. */
class AuditAccessIT {

    private static final AuditFixture fixture = new AuditFixture();
    private static final ApiClient api = fixture.api;
    private static AuditFixture.Audited audited;
    private static AuditFixture.Audited other;
    private static String auditor;

    @BeforeAll
    static void twoAuditedTenants() {
        audited = fixture.auditedTenant();
        other = fixture.auditedTenant();
        long last = fixture.push(audited.alice(), List.of(AuditFixture.item("decision", 1))).get(0);
        fixture.awaitProjected(audited.inHouse(), last);
        auditor = api.login(audited.auditorKey(), "audit");
    }

    @Test
    void aGrantedAuditorReadsTheTenantsLogAndChain() {
        ApiClient.Response events = api.get(path(audited) + "/events", auditor);
        ApiClient.Response chain = api.get(path(audited) + "/chain", auditor);
        ApiClient.Response links = api.get(path(audited) + "/chain/links?from_offset=0", auditor);

        assertThat(events.status()).isEqualTo(200);
        assertThat(events.contentType()).startsWith("application/x-ndjson");
        assertThat(events.body().lines()).hasSize(1);
        assertThat(events.header("Log-End-Offset")).isNotNull();
        assertThat(chain.status()).isEqualTo(200);
        assertThat(chain.json().get("events").longValue()).isEqualTo(1);
        assertThat(links.body().lines()).hasSize(1);
        assertThat(links.json().get("chain").stringValue()).isEqualTo(chain.json().get("chain_head").stringValue());
    }

    @Test
    void membersAndAdminsOfTheTenantItselfAreForbidden() {
        for (String token : List.of(audited.alice(), audited.inHouse())) {
            for (String endpoint : List.of("/events", "/chain", "/chain/links")) {
                ApiClient.Response response = api.get(path(audited) + endpoint, token);
                assertThat(response.status()).as(endpoint).isEqualTo(403);
                assertThat(response.contentType()).startsWith("application/problem+json");
            }
        }
    }

    @Test
    void anAuditorSeesNothingOfATenantItIsNotGrantedOrNoLongerGranted() {
        assertThat(api.get(path(other) + "/events", auditor).status()).isEqualTo(404);
        assertThat(api.get(path(other) + "/chain", auditor).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/audit/tenants/00000000-0000-4000-8000-000000000000/events", auditor).status())
                .isEqualTo(404);

        AuditFixture.Audited revoked = fixture.auditedTenant();
        String revokedAuditor = api.login(revoked.auditorKey(), "audit");
        assertThat(api.get(path(revoked) + "/chain", revokedAuditor).status()).isEqualTo(200);
        fixture.grants(grants -> grants.revoke(revoked.tenantId(), revoked.auditor(), Instant.parse("2026-11-26T00:00:00Z")));

        ApiClient.Response response = api.get(path(revoked) + "/events", revokedAuditor);
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        AuditRuns.Run replay = fixture.audit("replay", "--tenant", revoked.tenantId().toString(),
                "--license-key", revoked.auditorKey());
        assertThat(replay.exitCode()).isEqualTo(AuditCommand.TROUBLE);
        assertThat(replay.err()).contains("404");
    }

    @Test
    void aGrantToAnotherUserOfTheAuditorsFirmDoesNotCount() {
        fixture.grants(grants -> grants.grant(other.tenantId(),
                new AuditGrants.Auditor(audited.auditor().tenantId(), "someone-else"), Instant.parse("2026-11-25T10:00:00Z")));

        assertThat(api.get(path(other) + "/events", auditor).status()).isEqualTo(404);
    }

    @Test
    void anOperatorGrantsListsAndRevokesWithTheAuditCommand() {
        AuditFixture.Audited tenant = fixture.auditedTenant();
        String firm = other.auditor().tenantId().toString();
        String otherAuditor = api.login(other.auditorKey(), "audit");
        assertThat(api.get(path(tenant) + "/chain", otherAuditor).status()).isEqualTo(404);

        AuditRuns.Run added = fixture.audit("grants", "add", "--tenant", tenant.tenantId().toString(),
                "--auditor-tenant", firm, "--auditor-user", "carol");
        AuditRuns.Run listed = fixture.audit("grants", "list", "--tenant", tenant.tenantId().toString());
        int granted = api.get(path(tenant) + "/chain", otherAuditor).status();
        AuditRuns.Run revoked = fixture.audit("grants", "revoke", "--tenant", tenant.tenantId().toString(),
                "--auditor-tenant", firm, "--auditor-user", "carol");

        assertThat(added.exitCode()).as(added.err()).isZero();
        assertThat(listed.out()).contains(firm + "/carol  granted ");
        assertThat(granted).isEqualTo(200);
        assertThat(revoked.out()).contains("revoked");
        assertThat(api.get(path(tenant) + "/chain", otherAuditor).status()).isEqualTo(404);
        assertThat(fixture.audit("grants", "add", "--tenant", "not-a-uuid", "--auditor-tenant", firm,
                "--auditor-user", "carol").exitCode()).isEqualTo(AuditCommand.TROUBLE);
    }

    @Test
    void badParametersAreAnsweredWith400ProblemsNamingTheParameter() {
        for (String query : List.of("/events?from_offset=abc", "/events?from_offset=-1", "/events?from_time=yesterday",
                "/events?from_offset=1&from_time=2026-11-25T10:00:00Z", "/events?bogus=1", "/chain?cursor=1",
                "/chain/links?from_offset=x", "/events?from_offset=1&from_offset=2")) {
            ApiClient.Response response = api.get(path(audited) + query, auditor);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.contentType()).as(query).startsWith("application/problem+json");
        }
        assertThat(api.get("/api/v1/audit/tenants/not-a-uuid/events", auditor).status()).isEqualTo(400);
        assertThat(api.get(path(audited) + "/events", null).status()).isEqualTo(401);
        assertThat(api.get(path(audited) + "/events", "forged.token.value").status()).isEqualTo(401);
    }

    private static String path(AuditFixture.Audited tenant) {
        return "/api/v1/audit/tenants/" + tenant.tenantId();
    }
}
