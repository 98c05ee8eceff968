package io.contextstore.stack.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.platform.crypto.CryptoRandom;
import io.contextstore.platform.crypto.MasterKeyRing;
import io.contextstore.platform.db.ServiceRole;
import io.contextstore.stack.admin.AdminCommand;
import io.contextstore.testing.Infrastructure;
import io.contextstore.testing.Tenants.TestTenant;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Rotating the master key (ADR 33) re-wraps every data key under a new master key without touching the log:
 * the records keep their bytes, the old master key can be retired, the running services keep sealing and
 * opening, and a rebuild with the new key file alone equals the live read model.
 */
class MasterKeyRotationIT {

    private final AuditFixture fixture = new AuditFixture();
    private final SealedLog log = new SealedLog(fixture.services);

    @Test
    void aRotationRewrapsEveryDataKeyLeavesTheLogAsItWasAndTheOldMasterKeyCanBeRetired() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        TestTenant before = fixture.services.tenants().create("rotating-" + marker);
        String token = fixture.api.login(before.licenseKey(), "laptop");
        fixture.awaitProjected(token, fixture.push(token, List.of(AuditFixture.message("before-" + marker))).get(0));
        List<byte[]> recordsBefore = values(before.tenantId());
        String oldMaster = MasterKeyRing.fromFile(fixture.services.masterKeyFile(), CryptoRandom.nonces()).currentKeyId();

        int exit = new CommandLine(new AdminCommand()).execute("rotate-master-key", "--retire",
                "--database-url", fixture.infrastructure.databaseUrl(),
                "--database-password", Infrastructure.password(ServiceRole.ADMIN),
                "--master-key-file", fixture.services.masterKeyFile().toString());

        assertThat(exit).isZero();
        MasterKeyRing ring = MasterKeyRing.fromFile(fixture.services.masterKeyFile(), CryptoRandom.nonces());
        assertThat(ring.keyIds()).as("the old master key retired").hasSize(1).doesNotContain(oldMaster);
        assertThat(masterKeysInUse()).containsExactly(ring.currentKeyId());
        assertThat(values(before.tenantId())).as("the log is not touched").containsExactlyElementsOf(recordsBefore);
        fixture.awaitProjected(token, fixture.push(token, List.of(AuditFixture.message("after-" + marker))).get(0));
        TestTenant after = fixture.services.tenants().create("rotated-" + marker);
        String newToken = fixture.api.login(after.licenseKey(), "laptop");
        fixture.awaitProjected(newToken, fixture.push(newToken, List.of(AuditFixture.message("new-" + marker))).get(0));
        assertThat(log.readableTexts(before.tenantId())).contains("before-" + marker, "after-" + marker);
        assertThat(log.readableTexts(after.tenantId())).contains("new-" + marker);
        assertThat(masterKeysInUse()).containsExactly(ring.currentKeyId());
        for (UUID tenant : List.of(before.tenantId(), after.tenantId())) {
            AuditRuns.Run verify = fixture.audit("verify", "--tenant", tenant.toString());
            assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
        }
    }

    private List<byte[]> values(UUID tenant) {
        List<byte[]> values = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : fixture.services.topic().eventsOf(tenant)) {
            values.add(record.value());
        }
        return values;
    }

    private List<String> masterKeysInUse() throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection c = fixture.infrastructure.superuserConnection();
             PreparedStatement query = c.prepareStatement("SELECT DISTINCT master_key_id FROM subject_keys");
             ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }
}
