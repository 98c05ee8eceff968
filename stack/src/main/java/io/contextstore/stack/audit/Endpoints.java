package io.contextstore.stack.audit;

import io.contextstore.platform.db.DatabaseSettings;
import io.contextstore.platform.db.ServiceRole;
import java.time.Duration;
import java.util.Map;

/**
 * Where the audit commands find Kafka, PostgreSQL and the API, and the passwords of the roles they
 * use: the owner (scratch schemas and the switch), cs_projector (projecting into a scratch schema),
 * cs_auditor (reading both sides of a comparison), cs_admin (grants).
 */
record Endpoints(String databaseUrl, String owner, String ownerPassword, Map<ServiceRole, String> passwords,
                 String bootstrapServers, String baseUrl) {

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
