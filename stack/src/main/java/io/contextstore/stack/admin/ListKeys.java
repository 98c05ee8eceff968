package io.contextstore.stack.admin;

import io.contextstore.platform.tenancy.TenantAdministration.KeyListing;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "list-keys", mixinStandardHelpOptions = true, description = "List a tenant's license keys (hints only).")
final class ListKeys implements Callable<Integer> {

    @ParentCommand
    AdminCommand admin;

    @Option(names = "--tenant", required = true, description = "Tenant id.")
    UUID tenant;

    @Override
    public Integer call() {
        try (AdminCommand.AutoCloseableHolder holder = new AdminCommand.AutoCloseableHolder()) {
            System.out.printf("%-36s  %-24s  %-7s  %-12s  %-20s  %s%n", "KEY ID", "USER", "ROLE", "HINT", "CREATED", "STATE");
            for (KeyListing key : admin.connect(holder).listKeys(tenant)) {
                String state = key.revokedAt() != null ? "revoked " + key.revokedAt()
                        : key.expiresAt() != null ? "expires " + key.expiresAt() : "active";
                System.out.printf("%-36s  %-24s  %-7s  %-12s  %-20s  %s%n", key.keyId(), key.userId(), key.role(),
                        key.hint(), key.createdAt().toString().substring(0, 19), state);
            }
            return 0;
        }
    }
}
