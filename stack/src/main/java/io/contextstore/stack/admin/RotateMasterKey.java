package io.contextstore.stack.admin;

import io.contextstore.platform.crypto.CryptoRandom;
import io.contextstore.platform.crypto.MasterKeyRing;
import io.contextstore.platform.crypto.SubjectKeys;
import io.contextstore.platform.db.Database;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "rotate-master-key", mixinStandardHelpOptions = true,
        description = "Put a new master key first in the master key file and re-wrap every data key under it. The log "
                + "is not touched. Services reading the file follow without a restart. With --retire, the older keys "
                + "are then removed from the file when no data key needs them.")
final class RotateMasterKey implements Callable<Integer> {

    @ParentCommand
    AdminCommand admin;

    @Option(names = "--retire", description = "Remove the older master keys from the file once nothing is wrapped by them.")
    boolean retire;

    @Override
    public Integer call() {
        Path file = admin.masterKeyFile();
        MasterKeyRing.prepend(file, MasterKeyRing.newKeyLine(CryptoRandom.keys()));
        MasterKeyRing ring = MasterKeyRing.fromFile(file, CryptoRandom.nonces());
        SubjectKeys keys = new SubjectKeys(ring, CryptoRandom.keys(), UUID::randomUUID);
        try (AdminCommand.AutoCloseableHolder holder = new AdminCommand.AutoCloseableHolder()) {
            Database database = admin.database(holder);
            int rewrapped = 0;
            for (UUID tenant : tenantsToRewrap(database, ring.currentKeyId())) {
                rewrapped += database.inTenant(tenant, jdbc -> keys.rewrap(jdbc, tenant));
            }
            System.out.println("master key " + ring.currentKeyId() + " is current in " + file + "; re-wrapped "
                    + rewrapped + " data keys");
            int older = tenantsToRewrap(database, ring.currentKeyId()).size();
            if (retire && older == 0) {
                MasterKeyRing.retireAllBut(file, ring.currentKeyId());
                System.out.println("retired the older master keys");
            } else if (retire) {
                System.out.println(older + " tenants still have data keys wrapped by older master keys (created during "
                        + "the run); run again to retire them");
                return 1;
            }
            return 0;
        }
    }

    /** The tenants holding data keys wrapped by another master key: ids only, all the admin role sees across tenants (ADR 33). */
    private static List<UUID> tenantsToRewrap(Database database, String current) {
        return database.withoutTenant(jdbc -> jdbc.sql("SELECT * FROM tenants_to_rewrap(?)").param(current)
                .query(UUID.class).list());
    }
}
