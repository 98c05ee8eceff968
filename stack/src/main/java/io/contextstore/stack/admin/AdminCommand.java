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
 * Operator commands: tenants and license keys. They connect as the cs_admin role, to the running
 * embedded stack by default, or to any database given with --database-url (or the environment).
 */
@Command(name = "admin", mixinStandardHelpOptions = true,
        description = "Create tenants; issue, revoke and list license keys.",
        subcommands = {CreateTenant.class, IssueKey.class, RevokeKey.class, ListKeys.class})
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

    TenantAdministration connect(AutoCloseableHolder holder) {
        StackDirectory directory = StackDirectory.atOrDefault(dataDirectory);
        String url = databaseUrl != null ? databaseUrl : directory.recordedDatabaseUrl().orElseThrow(() ->
                new IllegalStateException("no embedded stack in " + directory.root()
                        + "; start one with `./contextstore up` or pass --database-url"));
        String secret = password != null ? password : directory.secrets().of(ServiceRole.ADMIN);
        Database database = Database.connect(new DatabaseSettings(url, ServiceRole.ADMIN.roleName(), secret, 1,
                Duration.ofSeconds(5)), "admin");
        holder.hold(database);
        return new TenantAdministration(database, UUID::randomUUID);
    }

    /** Closes the connection pool when a command ends. */
    static final class AutoCloseableHolder implements AutoCloseable {
        private Database database;

        void hold(Database database) {
            this.database = database;
        }

        @Override
        public void close() {
            if (database != null) {
                database.close();
            }
        }
    }
}
