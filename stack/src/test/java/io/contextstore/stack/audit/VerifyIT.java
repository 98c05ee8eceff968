package io.contextstore.stack.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Verify rebuilds from the log beside the live read model and names every difference, down to the offset. */
class VerifyIT {

    private final AuditFixture fixture = new AuditFixture();

    @Test
    void aRowAlteredDirectlyInPostgresIsCaughtWithTheOffsetWhereItDiverges() throws Exception {
        AuditFixture.Audited tenant = fixture.auditedTenant();
        List<Long> cursors = pushMixed(tenant, 300);
        fixture.awaitProjected(tenant.inHouse(), cursors.get(cursors.size() - 1));
        AuditRuns.Run before = fixture.audit("verify", "--tenant", tenant.tenantId().toString(), "--verbose");
        assertThat(before.exitCode()).as(before.out() + before.err()).isZero();
        assertThat(before.out()).contains("OK        context_events of tenant " + tenant.tenantId() + ": 300 rows");

        long decision = cursors.get(2);
        fixture.asOwner(tenant.tenantId(), "UPDATE context_events SET data = jsonb_set(data, '{title}', '\"forged\"') "
                + "WHERE kafka_offset = " + decision);
        fixture.asOwner(tenant.tenantId(), "UPDATE tasks SET status = 'cancelled' WHERE task_id = 't-1'");
        AuditRuns.Run after = fixture.audit("verify", "--tenant", tenant.tenantId().toString());

        assertThat(after.exitCode()).as(after.out() + after.err()).isEqualTo(AuditCommand.DIFFERENT);
        assertThat(after.out())
                .contains("DIFFERENT context_events of tenant " + tenant.tenantId() + " differs: live 300 rows")
                .contains("first difference at offset " + decision + " (the row differs)")
                .contains("DIFFERENT tasks of tenant " + tenant.tenantId())
                .contains("first difference at user_id || '/' || task_id = alice/t-1 (the row differs)")
                .doesNotContain("decisions of tenant")
                .contains("2 difference(s)");
    }

    @Test
    void verifyingEveryTenantNamesOnlyTheTenantWhoseRowsWereDeletedOrAdded() throws Exception {
        AuditFixture.Audited intact = fixture.auditedTenant();
        AuditFixture.Audited damaged = fixture.auditedTenant();
        List<Long> intactCursors = pushMixed(intact, 40);
        List<Long> damagedCursors = pushMixed(damaged, 40);
        fixture.awaitProjected(intact.inHouse(), intactCursors.get(39));
        fixture.awaitProjected(damaged.inHouse(), damagedCursors.get(39));
        fixture.asOwner(damaged.tenantId(), "DELETE FROM decisions WHERE kafka_offset = " + damagedCursors.get(2));
        fixture.asOwner(damaged.tenantId(), "INSERT INTO sync_stats (tenant_id, kind, events, last_offset) VALUES ('"
                + damaged.tenantId() + "', 'forged', 1, 1)");

        AuditRuns.Run run = fixture.audit("verify", "--verbose");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(AuditCommand.DIFFERENT);
        assertThat(run.out())
                .contains("DIFFERENT decisions of tenant " + damaged.tenantId())
                .contains("first difference at offset " + damagedCursors.get(2) + " (missing from the live read model)")
                .contains("DIFFERENT sync_stats of tenant " + damaged.tenantId())
                .contains("kind || '/' || private_to || '/' || project_scope = forged// (only in the live read model)");
        for (String table : List.of("context_events", "decisions", "tasks", "sync_stats", "tenant_streams")) {
            assertThat(run.out()).contains("OK        " + table + " of tenant " + intact.tenantId());
        }
        assertThat(run.out()).contains("OK        projection_failures of tenant (all)");
    }

    private List<Long> pushMixed(AuditFixture.Audited tenant, int count) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(AuditFixture.item(i % 3 == 0 ? "task" : i % 3 == 1 ? "message" : "decision", i));
        }
        return fixture.push(tenant.alice(), items);
    }
}
