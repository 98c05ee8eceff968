package io.contextstore.stack.audit;

import io.contextstore.platform.crypto.CryptoRandom;
import io.contextstore.platform.crypto.MasterKeyRing;
import io.contextstore.platform.crypto.SubjectKeys;
import io.contextstore.platform.db.DatabaseSettings;
import io.contextstore.platform.db.ServiceRole;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * Where the audit commands find Kafka, PostgreSQL and the API, and the passwords of the roles they
 * use: the owner (scratch schemas and the switch), cs_projector (projecting into a scratch schema),
 * cs_auditor (reading both sides of a comparison), cs_admin (grants).
 */
record Endpoints(String databaseUrl, String owner, String ownerPassword, Map<ServiceRole, String> passwords,
                 String bootstrapServers, String baseUrl, Path masterKeyFile) {

    /** The keys that open sealed events for a rebuild (ADR 33); null without a master key file, as the services run then. */
    SubjectKeys subjectKeys() {
        return masterKeyFile == null ? null
                : new SubjectKeys(MasterKeyRing.fromFile(masterKeyFile, CryptoRandom.nonces()), CryptoRandom.keys(), UUID::randomUUID);
    }

    DatabaseSettings settings(ServiceRole role, int poolSize) {
        String password = passwords.get(role);
        if (password == null) {
            throw new IllegalStateException("no password for the " + role.roleName() + " role; pass it as an option");
        }
        AuditCommand.required(databaseUrl, "--database-url");
        return new DatabaseSettings(databaseUrl, role.roleName(), password, poolSize, Duration.ofSeconds(10));
    }

    @Override
    public String toString() {
        return "Endpoints[database=" + databaseUrl + ", kafka=" + bootstrapServers + ", api=" + baseUrl + "]";
    }
}
