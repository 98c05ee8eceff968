package io.contextstore.stack.audit;

import io.contextstore.platform.db.ServiceRole;
import io.contextstore.stack.StackDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code contextstore audit ...}: auditors replay a tenant's log and check its chain (through the
 * audit API, with their own license key); operators verify the read model against the log, rebuild
 * it live, and grant auditors their tenants. Defaults reach the running embedded stack; elsewhere
 * every endpoint and password comes from an option or the environment.
 *
 * <p>Exit codes: 0 the read model says what the log says; 1 it does not (the difference is named);
 * 2 the command could not run (bad usage, unreachable, refused).
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Replay a tenant's log and check its audit chain; verify or rebuild the read model from the log; "
                + "grant auditors their tenants.",
        subcommands = {ReplayCommand.class, VerifyCommand.class, RebuildLiveCommand.class, GrantsCommand.class})
public final class AuditCommand {

    static final int SAME = 0;
    static final int DIFFERENT = 1;
    static final int TROUBLE = 2;

    @Option(names = "--data-dir", scope = ScopeType.INHERIT,
            description = "The embedded stack's data directory (default: $CONTEXTSTORE_DATA or ~/.contextstore-stack).")
    Path dataDirectory;

    @Option(names = "--base-url", scope = ScopeType.INHERIT, defaultValue = "${env:CONTEXTSTORE_BASE_URL}",
            description = "The API's base URL (default: the embedded stack's).")
    String baseUrl;

    @Option(names = "--bootstrap-servers", scope = ScopeType.INHERIT,
            defaultValue = "${env:CONTEXTSTORE_KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:29092}",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--database-url", scope = ScopeType.INHERIT, defaultValue = "${env:CONTEXTSTORE_AUDIT_DATABASE_URL}",
            description = "JDBC URL of the database (default: the embedded stack's).")
    String databaseUrl;

    @Option(names = "--owner", scope = ScopeType.INHERIT, defaultValue = StackDirectory.OWNER,
            description = "The schema owner role, for scratch schemas and the switch (default: ${DEFAULT-VALUE}).")
    String owner;

    @Option(names = "--owner-password", scope = ScopeType.INHERIT, defaultValue = "${env:CONTEXTSTORE_OWNER_PASSWORD}",
            description = "Password of the owner role (default: the embedded stack's).")
    String ownerPassword;

    @Option(names = "--projector-password", scope = ScopeType.INHERIT,
            defaultValue = "${env:CONTEXTSTORE_PROJECTOR_DATABASE_PASSWORD}",
            description = "Password of cs_projector, which projects into scratch schemas (default: the embedded stack's).")
    String projectorPassword;

    @Option(names = "--auditor-password", scope = ScopeType.INHERIT,
            defaultValue = "${env:CONTEXTSTORE_AUDITOR_DATABASE_PASSWORD}",
            description = "Password of cs_auditor, which reads both sides of a comparison (default: the embedded stack's).")
    String auditorPassword;

    @Option(names = "--admin-password", scope = ScopeType.INHERIT, defaultValue = "${env:CONTEXTSTORE_ADMIN_DATABASE_PASSWORD}",
            description = "Password of cs_admin, which grants auditors (default: the embedded stack's).")
    String adminPassword;

    @Option(names = "--master-key-file", scope = ScopeType.INHERIT, defaultValue = "${env:CONTEXTSTORE_MASTERKEY_FILE}",
            description = "The master key ring the services use, to open sealed events when rebuilding (default: the embedded stack's).")
    Path masterKeyFile;

    /** The endpoints, each from its option or environment variable, else from the embedded stack's directory. */
    Endpoints endpoints() {
        StackDirectory directory = StackDirectory.atOrDefault(dataDirectory);
        boolean embedded = Files.exists(directory.root().resolve("secrets.properties"));
        StackDirectory.Secrets secrets = embedded ? directory.secrets() : null;
        Map<ServiceRole, String> passwords = new EnumMap<>(ServiceRole.class);
        put(passwords, ServiceRole.PROJECTOR, projectorPassword, secrets);
        put(passwords, ServiceRole.AUDITOR, auditorPassword, secrets);
        put(passwords, ServiceRole.ADMIN, adminPassword, secrets);
        return new Endpoints(
                databaseUrl != null ? databaseUrl : directory.recordedDatabaseUrl().orElse(null),
                owner,
                ownerPassword != null ? ownerPassword : secrets == null ? null : secrets.owner(),
                passwords,
                bootstrapServers,
                baseUrl != null ? baseUrl : directory.recordedBaseUrl().orElse(null),
                masterKeyFile != null ? masterKeyFile : directory.masterKeyFile().orElse(null));
    }

    private static void put(Map<ServiceRole, String> passwords, ServiceRole role, String given, StackDirectory.Secrets secrets) {
        String password = given != null ? given : secrets == null ? null : secrets.of(role);
        if (password != null) {
            passwords.put(role, password);
        }
    }

    static String required(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("no " + what + "; start the embedded stack (`./contextstore up`) or pass it");
        }
        return value;
    }
}
