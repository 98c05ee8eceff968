package io.contextstore.stack.admin;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "erase-user", mixinStandardHelpOptions = true,
        description = "Erase a user's data (GDPR Art. 17): destroys their data key, so nothing they wrote to their own kinds "
                + "can be read from the log again, and tells the projector and every device to delete it. Their shared "
                + "items stay, without their name. Their license keys are not revoked (revoke-key). Safe to run again.")
final class EraseUser implements Callable<Integer> {

    @ParentCommand
    AdminCommand admin;

    @Option(names = "--tenant", required = true, description = "Tenant id.")
    UUID tenant;

    @Option(names = "--user", required = true, description = "User id.")
    String user;

    @Override
    public Integer call() {
        try (AdminCommand.AutoCloseableHolder holder = new AdminCommand.AutoCloseableHolder()) {
            Erasures.Done done = new Erasures(admin.database(holder), admin.bootstrapServers())
                    .eraseUser(tenant, user, UUID.randomUUID(), Instant.now());
            System.out.println((done.keysDestroyed() > 0 ? "destroyed the data key of " : "no data key left for ")
                    + user + " in tenant " + tenant + "; erasure appended at offset " + done.offset()
                    + " (the projector deletes the rows, devices purge them at their next pull)");
            return 0;
        }
    }
}
