package io.contextstore.platform.migrate;

import io.contextstore.platform.db.DatabaseBootstrap;
import io.contextstore.platform.db.Migrations;
import io.contextstore.platform.db.ServiceRole;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The one-shot migrate job of a deployment, configured by environment variables only (secrets also
 * as {@code *_FILE}): optionally creates the owner role and the database as the superuser, applies
 * the Flyway migrations as the owner, and gives each service role whose password is supplied LOGIN
 * and that password. Safe to run again: every step is idempotent. Prints what it did, never a secret.
 * Exit status 0 done, 1 failed, 2 misconfigured.
 */
public final class MigrateMain {

    public static final String PREFIX = "CONTEXTSTORE_MIGRATE_";
    public static final String DATABASE_URL = PREFIX + "DATABASE_URL";
    public static final String OWNER = PREFIX + "OWNER";
    public static final String OWNER_PASSWORD = PREFIX + "OWNER_PASSWORD";
    public static final String SUPERUSER_URL = PREFIX + "SUPERUSER_URL";
    public static final String SUPERUSER = PREFIX + "SUPERUSER";
    public static final String SUPERUSER_PASSWORD = PREFIX + "SUPERUSER_PASSWORD";
    public static final String DEFAULT_OWNER = "cs_owner";
    public static final String DEFAULT_SUPERUSER = "postgres";

    private MigrateMain() {
    }

    public static void main(String[] args) {
        System.exit(run(EnvironmentSettings.of(System.getenv())));
    }

    /** The password variable of a service role, e.g. {@code CONTEXTSTORE_MIGRATE_INGEST_PASSWORD}. */
    public static String passwordVariable(ServiceRole role) {
        return PREFIX + role.name().toUpperCase(Locale.ROOT) + "_PASSWORD";
    }

    /** Every variable this job reads (each secret also with {@code _FILE}), for documentation and checks. */
    public static List<String> variables() {
        Stream<String> fixed = Stream.of(DATABASE_URL, OWNER, OWNER_PASSWORD, SUPERUSER_URL, SUPERUSER, SUPERUSER_PASSWORD);
        return Stream.concat(fixed, Stream.of(ServiceRole.values()).map(MigrateMain::passwordVariable)).toList();
    }

    static int run(EnvironmentSettings env) {
        String url;
        String owner;
        String ownerPassword;
        Optional<String> superuserUrl;
        String database;
        Map<ServiceRole, String> passwords = new EnumMap<>(ServiceRole.class);
        try {
            url = env.required(DATABASE_URL);
            owner = env.orDefault(OWNER, DEFAULT_OWNER);
            ownerPassword = env.required(OWNER_PASSWORD);
            superuserUrl = env.optional(SUPERUSER_URL);
            database = databaseName(url);
            for (ServiceRole role : ServiceRole.values()) {
                env.optional(passwordVariable(role)).ifPresent(password -> passwords.put(role, password));
            }
        } catch (RuntimeException e) {
            System.err.println("migrate: " + e.getMessage());
            return 2;
        }
        try {
            if (superuserUrl.isPresent()) {
                DatabaseBootstrap.ensureOwnerAndDatabase(superuserUrl.get(), env.orDefault(SUPERUSER, DEFAULT_SUPERUSER),
                        env.orDefault(SUPERUSER_PASSWORD, ""), owner, ownerPassword, database);
                System.out.println("migrate: owner role " + owner + " and database " + database + " are in place");
            }
            MigrateResult result = Migrations.migrate(url, owner, ownerPassword);
            System.out.println("migrate: schema at version " + result.targetSchemaVersion + " ("
                    + result.migrationsExecuted + " migration(s) applied now)");
            if (!passwords.isEmpty()) {
                Migrations.enableLogins(url, owner, ownerPassword, passwords);
                System.out.println("migrate: login enabled for " + passwords.keySet().stream()
                        .map(ServiceRole::roleName).toList());
            }
            return 0;
        } catch (RuntimeException e) {
            System.err.println("migrate: failed: " + e.getMessage());
            return 1;
        }
    }

    /** {@code jdbc:postgresql://host:5432/contextstore?ssl=true} → {@code contextstore}. */
    static String databaseName(String jdbcUrl) {
        String path = jdbcUrl.replaceFirst("\\?.*$", "");
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (name.isEmpty() || path.lastIndexOf('/') < "jdbc:postgresql://".length()) {
            throw new IllegalArgumentException(DATABASE_URL + " must name a database: jdbc:postgresql://host:port/name");
        }
        return name;
    }
}
