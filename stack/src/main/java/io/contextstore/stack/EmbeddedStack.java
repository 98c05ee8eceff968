package io.contextstore.stack;

import io.contextstore.embedded.BackendPriorities;
import io.contextstore.embedded.KafkaBroker;
import io.contextstore.embedded.PostgresServer;
import io.contextstore.platform.db.Database;
import io.contextstore.platform.db.DatabaseBootstrap;
import io.contextstore.platform.db.DatabaseSettings;
import io.contextstore.platform.db.Migrations;
import io.contextstore.platform.db.ServiceRole;
import io.contextstore.platform.tenancy.TenantAdministration;
import io.contextstore.projector.ProjectorConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole system on its embedded default: a real PostgreSQL and a real single-node KRaft broker,
 * the schema migrated, and the three services behind one base URL. Everything lives in one
 * {@link StackDirectory}; closing stops the services, then the broker, then the database.
 */
public final class EmbeddedStack implements AutoCloseable {

    public static final String DATABASE = "contextstore";
    /**
     * The search indexer's backends' nice value: on a machine whose cores the database shares with the services, its
     * work waits for a push's, a projection's and a pull's (ADR 48).
     */
    public static final int SEARCH_INDEXER_NICE = 10;
    private static final Logger log = LoggerFactory.getLogger(EmbeddedStack.class);

    /** Ports of 0 pick free ones. */
    public record Options(StackDirectory directory, boolean fresh, int httpPort, int kafkaPort, int postgresPort,
                          int partitions, Map<String, Object> extraProperties) {
    }

    public record Demo(UUID tenantId, String userId, String licenseKey) {
    }

    private final StackDirectory directory;
    private final PostgresServer postgres;
    private final BackendPriorities priorities;
    private final KafkaBroker broker;
    private final ContextStoreServices services;
    private final Demo demo;

    private EmbeddedStack(StackDirectory directory, PostgresServer postgres, BackendPriorities priorities,
                          KafkaBroker broker, ContextStoreServices services, Demo demo) {
        this.directory = directory;
        this.postgres = postgres;
        this.priorities = priorities;
        this.broker = broker;
        this.services = services;
        this.demo = demo;
    }

    public static EmbeddedStack start(Options options) {
        StackDirectory directory = options.directory();
        if (options.fresh()) {
            directory.wipe();
        }
        StackDirectory.Secrets secrets = directory.secrets();
        PostgresServer postgres = StartupProgress.step("PostgreSQL",
                () -> PostgresServer.start(directory.postgres(), options.postgresPort()));
        BackendPriorities priorities = BackendPriorities.lower(postgres, ProjectorConfiguration.SEARCH_INDEXER,
                SEARCH_INDEXER_NICE, Duration.ofSeconds(1));
        KafkaBroker broker = null;
        try {
            String databaseUrl = StartupProgress.step("Database schema (Flyway)", () -> prepareDatabase(postgres, secrets));
            broker = StartupProgress.step("Kafka broker (KRaft)", () -> KafkaBroker.start(directory.kafka(), options.kafkaPort()));
            String bootstrapServers = broker.bootstrapServers();
            ContextStoreServices services = StartupProgress.step("Services (ingest, projector, query)",
                    () -> ContextStoreServices.start(new ServicesSettings(bootstrapServers, databaseUrl, secrets.services(),
                            directory.keys(), options.httpPort(), options.partitions(), options.extraProperties())));
            directory.recordEndpoints(databaseUrl, services.baseUrl(), broker.bootstrapServers());
            Demo demo = demoTenant(directory, databaseUrl, secrets.of(ServiceRole.ADMIN));
            return new EmbeddedStack(directory, postgres, priorities, broker, services, demo);
        } catch (RuntimeException e) {
            if (broker != null) {
                broker.close();
            }
            priorities.close();
            postgres.close();
            throw e;
        }
    }

    /**
     * The owner role and database, the migrations and the services' logins, as Compose's migrate job does them;
     * idempotent. Returns the database's URL.
     */
    public static String prepareDatabase(PostgresServer postgres, StackDirectory.Secrets secrets) {
        String databaseUrl = postgres.jdbcUrl(DATABASE);
        DatabaseBootstrap.ensureOwnerAndDatabase(postgres.jdbcUrl("postgres"), PostgresServer.SUPERUSER,
                StackDirectory.OWNER, secrets.owner(), DATABASE);
        Migrations.migrate(databaseUrl, StackDirectory.OWNER, secrets.owner());
        Migrations.enableLogins(databaseUrl, StackDirectory.OWNER, secrets.owner(), secrets.services());
        return databaseUrl;
    }

    /** On the first start, a demo tenant and a key for user "demo"; kept in the data directory for this machine's developer. */
    static Demo demoTenant(StackDirectory directory, String databaseUrl, String adminPassword) {
        try {
            if (Files.exists(directory.demoKeyFile())) {
                String[] fields = Files.readString(directory.demoKeyFile()).trim().split("\\s+");
                return new Demo(UUID.fromString(fields[0]), fields[1], fields[2]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DatabaseSettings settings = new DatabaseSettings(databaseUrl, ServiceRole.ADMIN.roleName(), adminPassword, 1,
                Duration.ofSeconds(5));
        try (Database admin = Database.connect(settings, "demo-admin")) {
            TenantAdministration administration = new TenantAdministration(admin, UUID::randomUUID);
            UUID tenantId = administration.createTenant("demo");
            String key = administration.issueKey(tenantId, "demo", "member", null).key().value();
            directory.writePrivate(directory.demoKeyFile(), tenantId + " demo " + key + "\n");
            log.info("Created the demo tenant {}", tenantId);
            return new Demo(tenantId, "demo", key);
        }
    }

    public String baseUrl() {
        return services.baseUrl();
    }

    public String kafkaBootstrapServers() {
        return broker.bootstrapServers();
    }

    public String databaseUrl() {
        return postgres.jdbcUrl(DATABASE);
    }

    public Demo demo() {
        return demo;
    }

    public StackDirectory directory() {
        return directory;
    }

    public ContextStoreServices services() {
        return services;
    }

    public Optional<KafkaBroker> broker() {
        return Optional.of(broker);
    }

    @Override
    public void close() {
        try {
            services.close();
        } finally {
            try {
                broker.close();
            } finally {
                priorities.close();
                postgres.close();
            }
        }
    }
}
