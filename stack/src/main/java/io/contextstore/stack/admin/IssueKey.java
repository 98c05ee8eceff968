package io.contextstore.stack.admin;

import io.contextstore.platform.tenancy.TenantAdministration.IssuedKey;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "issue-key", mixinStandardHelpOptions = true,
        description = "Issue a license key for a user of a tenant. The key is shown once; only its hash is stored.")
final class IssueKey implements Callable<Integer> {

    @ParentCommand
    AdminCommand admin;

    @Option(names = "--tenant", required = true, description = "Tenant id.")
    UUID tenant;

    @Option(names = "--user", required = true, description = "User id, e.g. alice or alice@example.com.")
    String user;

    @Option(names = "--role", defaultValue = "member", description = "member, auditor or admin (default: ${DEFAULT-VALUE}).")
    String role;

    @Option(names = "--expires-in-days", description = "Optional lifetime in days; without it the key lasts until revoked.")
    Integer expiresInDays;

    @Override
    public Integer call() {
        Instant expiresAt = expiresInDays == null ? null : Instant.now().plus(Duration.ofDays(expiresInDays));
        try (AdminCommand.AutoCloseableHolder holder = new AdminCommand.AutoCloseableHolder()) {
            IssuedKey issued = admin.connect(holder).issueKey(tenant, user, role, expiresAt);
            System.out.println("key id:      " + issued.keyId());
            System.out.println("license key: " + issued.key().value());
            System.out.println("(shown once: store it now)");
            return 0;
        }
    }
}
