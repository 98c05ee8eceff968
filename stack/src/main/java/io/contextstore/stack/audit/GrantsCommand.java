package io.contextstore.stack.audit;

import io.contextstore.platform.db.Database;
import io.contextstore.platform.db.ServiceRole;
import io.contextstore.platform.tenancy.AuditGrants;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code audit grants add|revoke|list}: which auditors may replay a tenant (as cs_admin). */
@Command(name = "grants", mixinStandardHelpOptions = true,
        description = "Grant, revoke and list auditors' access to a tenant's log. An auditor is the tenant and user "
                + "of a license key with role auditor (issue one with `admin issue-key --role auditor`).")
final class GrantsCommand {

    @ParentCommand
    AuditCommand audit;

    @Spec
    CommandSpec spec;

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Let an auditor replay a tenant.")
    int add(@Option(names = "--tenant", required = true, description = "The audited tenant.") UUID tenant,
            @Option(names = "--auditor-tenant", required = true, description = "The tenant of the auditor's key.") UUID auditorTenant,
            @Option(names = "--auditor-user", required = true, description = "The user of the auditor's key.") String auditorUser) {
        return withGrants(grants -> {
            grants.grant(tenant, new AuditGrants.Auditor(auditorTenant, auditorUser), Instant.now());
            spec.commandLine().getOut().printf("granted: %s/%s may replay tenant %s%n", auditorTenant, auditorUser, tenant);
        });
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Withdraw an auditor's grant.")
    int revoke(@Option(names = "--tenant", required = true, description = "The audited tenant.") UUID tenant,
               @Option(names = "--auditor-tenant", required = true, description = "The tenant of the auditor's key.") UUID auditorTenant,
               @Option(names = "--auditor-user", required = true, description = "The user of the auditor's key.") String auditorUser) {
        return withGrants(grants -> spec.commandLine().getOut().println(
                grants.revoke(tenant, new AuditGrants.Auditor(auditorTenant, auditorUser), Instant.now())
                        ? "revoked" : "no grant in force"));
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List a tenant's auditor grants.")
    int list(@Option(names = "--tenant", required = true, description = "The audited tenant.") UUID tenant) {
        return withGrants(grants -> {
            for (AuditGrants.Grant grant : grants.list(tenant)) {
                spec.commandLine().getOut().printf("%s/%s  granted %s%s%n", grant.auditor().tenantId(),
                        grant.auditor().userId(), grant.grantedAt(),
                        grant.revokedAt() == null ? "" : "  revoked " + grant.revokedAt());
            }
        });
    }

    private int withGrants(java.util.function.Consumer<AuditGrants> work) {
        PrintWriter err = spec.commandLine().getErr();
        try (Database admin = Database.connect(audit.endpoints().settings(ServiceRole.ADMIN, 1), "audit-grants")) {
            work.accept(new AuditGrants(admin));
            return AuditCommand.SAME;
        } catch (RuntimeException e) {
            err.println("grants failed: " + e.getMessage());
            return AuditCommand.TROUBLE;
        } finally {
            spec.commandLine().getOut().flush();
            err.flush();
        }
    }
}
