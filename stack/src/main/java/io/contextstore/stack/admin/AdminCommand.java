package io.contextstore.stack.admin;

import io.contextstore.platform.db.Database;
import io.contextstore.platform.db.DatabaseSettings;
import io.contextstore.platform.db.ServiceRole;
import io.contextstore.platform.tenancy.TenantAdministration;
import io.contextstore.stack.StackDirectory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Operator commands: tenants, license keys, teams and projects. They connect as the cs_admin role, to the running
 * embedded stack by default, or to any database given with --database-url (or the environment).
 */
@Command(name = "admin", mixinStandardHelpOptions = true,
        description = "Create tenants; issue, revoke and list license keys; teams and projects inside a tenant; erase a user, "
                + "delete a tenant, rotate the master key.",
        subcommands = {CreateTenant.class, IssueKey.class, RevokeKey.class, ListKeys.class, TeamCommand.class,
                ProjectCommand.class, EraseUser.class, DeleteTenant.class, RotateMasterKey.class})
public final class AdminCommand {

    @Option(names = "--data-dir", scope = ScopeType.INHERIT,
            description = "The embedded stack's data directory (default: $CONTEXTSTORE_DATA or ~/.contextstore-stack).")
    Path dataDirectory;

    @Option(names = "--database-url", scope = ScopeType.INHERIT, defaultValue = "${env:CONTEXTSTORE_ADMIN_DATABASE_URL}",
            description = "JDBC URL of the database (default: the embedded stack's).")
    String databaseUrl;

    @Option(names = "--database-password", scope = ScopeType.INHERIT,
            defaultValue = "${env:CONTEXTSTORE_ADMIN_DATABASE_PASSWORD}",
            description = "Password of the cs_admin role (default: the embedded stack's).")
    String password;

    @Option(names = "--bootstrap-servers", scope = ScopeType.INHERIT,
            defaultValue = "${env:CONTEXTSTORE_KAFKA_BOOTSTRAP_SERVERS}",
            description = "Kafka bootstrap servers, where erasures are appended (default: the embedded stack's).")
    String bootstrapServers;

    /** The broker: as given, else the embedded stack's as it recorded it, else its default port. */
    String bootstrapServers() {
        return bootstrapServers != null ? bootstrapServers
                : StackDirectory.atOrDefault(dataDirectory).recordedKafkaBootstrapServers().orElse("127.0.0.1:29092");
    }

    @Option(names = "--master-key-file", scope = ScopeType.INHERIT, defaultValue = "${env:CONTEXTSTORE_MASTERKEY_FILE}",
            description = "The services' master key ring (default: the embedded stack's).")
    Path masterKeyFile;

    TenantAdministration connect(AutoCloseableHolder holder) {
        return new TenantAdministration(database(holder), UUID::randomUUID);
    }

    /** The master key ring file: as given, else the embedded stack's. */
    Path masterKeyFile() {
        return masterKeyFile != null ? masterKeyFile : StackDirectory.atOrDefault(dataDirectory).masterKeyFile()
                .orElseThrow(() -> new IllegalStateException("no master key file; pass --master-key-file"));
    }

    /** A connection pool of the cs_admin role, closed with {@code holder}. */
    Database database(AutoCloseableHolder holder) {
        StackDirectory directory = StackDirectory.atOrDefault(dataDirectory);
        String url = databaseUrl != null ? databaseUrl : directory.recordedDatabaseUrl().orElseThrow(() ->
                new IllegalStateException("no embedded stack in " + directory.root()
                        + "; start one with `./contextstore up` or pass --database-url"));
        String secret = password != null ? password : directory.secrets().of(ServiceRole.ADMIN);
        Database database = Database.connect(new DatabaseSettings(url, ServiceRole.ADMIN.roleName(), secret, 1,
                Duration.ofSeconds(5)), "admin");
        holder.hold(database);
        return database;
    }

    /** Closes the connection pools when a command ends. */
    static final class AutoCloseableHolder implements AutoCloseable {
        private final java.util.List<Database> databases = new java.util.ArrayList<>();

        void hold(Database database) {
            databases.add(database);
        }

        @Override
        public void close() {
            databases.forEach(Database::close);
        }
    }
}
