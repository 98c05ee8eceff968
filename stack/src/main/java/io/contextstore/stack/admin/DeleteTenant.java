package io.contextstore.stack.admin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "delete-tenant", mixinStandardHelpOptions = true,
        description = "Offboard a tenant: destroys all its data keys (nothing it wrote can be read from the log again), "
                + "deletes its license keys and the tenant, and tells the projector to delete its rows. Asks for "
                + "confirmation unless --yes. Safe to run again.")
final class DeleteTenant implements Callable<Integer> {

    @ParentCommand
    AdminCommand admin;

    @Option(names = "--tenant", required = true, description = "Tenant id.")
    UUID tenant;

    @Option(names = "--yes", description = "Do not ask for confirmation.")
    boolean yes;

    @Override
    public Integer call() throws IOException {
        try (AdminCommand.AutoCloseableHolder holder = new AdminCommand.AutoCloseableHolder()) {
            if (!yes) {
                String name = admin.connect(holder).tenantName(tenant).orElse("(already deleted)");
                System.out.print("Delete tenant " + tenant + " \"" + name + "\" and everything it holds, for good? "
                        + "Type the tenant id to confirm: ");
                System.out.flush();
                String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                if (answer == null || !answer.trim().equals(tenant.toString())) {
                    System.out.println("not confirmed; nothing deleted");
                    return 1;
                }
            }
            Erasures.Done done = new Erasures(admin.database(holder), admin.bootstrapServers())
                    .deleteTenant(tenant, UUID.randomUUID(), Instant.now());
            System.out.println("destroyed " + done.keysDestroyed() + " data keys of tenant " + tenant
                    + "; deleted its license keys; erasure appended at offset " + done.offset()
                    + " (the projector deletes its rows)");
            return 0;
        }
    }
}
