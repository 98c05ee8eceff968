package io.contextstore.stack.admin;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "revoke-key", mixinStandardHelpOptions = true,
        description = "Revoke a license key: it can no longer log in. Tokens already issued expire within their short lifetime.")
final class RevokeKey implements Callable<Integer> {

    @ParentCommand
    AdminCommand admin;

    @Option(names = "--tenant", required = true, description = "Tenant id.")
    UUID tenant;

    @Option(names = "--key", required = true, description = "Key id (from list-keys or issue-key).")
    UUID key;

    @Override
    public Integer call() {
        try (AdminCommand.AutoCloseableHolder holder = new AdminCommand.AutoCloseableHolder()) {
            boolean revoked = admin.connect(holder).revokeKey(tenant, key, Instant.now());
            System.out.println(revoked ? "revoked " + key : "no active key " + key + " in tenant " + tenant);
            return revoked ? 0 : 1;
        }
    }
}
