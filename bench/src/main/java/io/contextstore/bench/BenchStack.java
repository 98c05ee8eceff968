package io.contextstore.bench;

import io.contextstore.embedded.KafkaBroker;
import io.contextstore.embedded.PostgresServer;
import io.contextstore.platform.db.Database;
import io.contextstore.platform.db.DatabaseSettings;
import io.contextstore.platform.db.ServiceRole;
import io.contextstore.platform.tenancy.TenantAdministration;
import io.contextstore.ingest.IngestApiApplication;
import io.contextstore.projector.ProjectorApplication;
import io.contextstore.stack.ContextStoreServices;
import io.contextstore.stack.EmbeddedStack;
import io.contextstore.stack.StackDirectory;
import io.contextstore.testing.ApiClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A fresh embedded stack for one benchmark run (real broker, real PostgreSQL, the services), with the
 * projector started and stopped by the scenarios so they can prefill the log and measure it apart.
 */
final class BenchStack implements AutoCloseable {

    record Tenant(UUID id, String licenseKey, String token) {
    }

    private final EmbeddedStack stack;
    private final StackDirectory.Secrets secrets;
    private final Database admin;
    private final List<ConfigurableApplicationContext> projectors = new ArrayList<>();

    private BenchStack(EmbeddedStack stack) {
        this.stack = stack;
        this.secrets = stack.directory().secrets();
        this.admin = Database.connect(settings(ServiceRole.ADMIN), "bench-admin");
    }

    static BenchStack start(int partitions) {
        Path data;
        try {
            data = Files.createTempDirectory("contextstore-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty("contextstore.log.file", data.resolve("logs/contextstore.log").toString());
        return new BenchStack(EmbeddedStack.start(new EmbeddedStack.Options(new StackDirectory(data), true, 0, 0, 0,
                partitions, Map.of("contextstore.projector.enabled", false,
                        "contextstore.ingest.database.pool-size", 16,
                        "contextstore.query.database.pool-size", 16,
                        "server.tomcat.threads.max", 64))));
    }

    String baseUrl() {
        return stack.baseUrl();
    }

    /** The services' own meters (they run in this JVM): what the instance says it holds. */
    io.micrometer.core.instrument.MeterRegistry meters() {
        return stack.services().context().getBean(io.micrometer.core.instrument.MeterRegistry.class);
    }

    /** The machine's, this JVM's and the broker's CPU time so far. */
    CoreTime cores() {
        return CoreTime.now(stack.broker().filter(KafkaBroker::isRunning).map(KafkaBroker::pid).orElse(-1L));
    }

    String kafka() {
        return stack.kafkaBootstrapServers();
    }

    DatabaseSettings settings(ServiceRole role) {
        return new DatabaseSettings(stack.databaseUrl(), role.roleName(), secrets.of(role), 8, Duration.ofSeconds(10));
    }

    String databaseUrl() {
        return stack.databaseUrl();
    }

    String ownerPassword() {
        return secrets.owner();
    }

    /** The embedded server's superuser: what sees other backends' work and may vacuum and checkpoint the database. */
    Connection superuser() throws SQLException {
        return DriverManager.getConnection(stack.databaseUrl(), PostgresServer.SUPERUSER, "");
    }

    Tenant tenant(String name) {
        return tenant(name, new ApiClient(baseUrl()));
    }

    private Tenant tenant(String name, ApiClient api) {
        TenantAdministration administration = new TenantAdministration(admin, UUID::randomUUID);
        UUID id = administration.createTenant(name);
        String key = administration.issueKey(id, "bench", "member", null).key().value();
        return new Tenant(id, key, api.login(key, "bench"));
    }

    /** {@code count} tenants made as {@link #tenant} makes one, by a few threads at once over one client. */
    List<Tenant> tenants(String prefix, int count) {
        ApiClient api = new ApiClient(baseUrl());
        return inParallel(IntStream.range(0, count).boxed().toList(), n -> tenant(prefix + "-" + n, api));
    }

    /** A token for another device of each tenant's member, in the same order. */
    List<String> logins(List<Tenant> tenants, String device) {
        ApiClient api = new ApiClient(baseUrl());
        return inParallel(tenants, tenant -> api.login(tenant.licenseKey(), device));
    }

    /** Each input's result, in order, computed by eight threads (logins are HTTP round trips, and there may be thousands). */
    private static <T, R> List<R> inParallel(List<T> inputs, Function<T, R> work) {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<R>> results = new ArrayList<>();
            for (T input : inputs) {
                results.add(pool.submit(() -> work.apply(input)));
            }
            List<R> done = new ArrayList<>(results.size());
            for (Future<R> result : results) {
                done.add(result.get());
            }
            return done;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** A license key for another member of {@code tenant}. */
    String memberKey(UUID tenant, String user) {
        return new TenantAdministration(admin, UUID::randomUUID).issueKey(tenant, user, "member", null).key().value();
    }

    /**
     * Starts one more projector instance in the projector's consumer group; it opens sealed events with the stack's key.
     *
     * @param settings more {@code --name=value} arguments, for settings the stack does not give
     */
    ConfigurableApplicationContext startProjector(String... settings) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--spring.main.banner-mode=off",
                "--spring.kafka.bootstrap-servers=" + kafka(),
                "--contextstore.projector.database.url=" + databaseUrl(),
                "--contextstore.projector.database.username=" + ServiceRole.PROJECTOR.roleName(),
                "--contextstore.projector.database.password=" + secrets.of(ServiceRole.PROJECTOR),
                "--contextstore.master-key.file=" + masterKeyFile()));
        arguments.addAll(List.of(settings));
        ConfigurableApplicationContext projector = new SpringApplicationBuilder(ProjectorApplication.class)
                .run(arguments.toArray(String[]::new));
        projectors.add(projector);
        return projector;
    }

    /** Stops one projector instance started here. */
    void stopProjector(ConfigurableApplicationContext projector) {
        projector.close();
        projectors.remove(projector);
    }

    /**
     * A second ingest API beside the stack's, on the same broker and database, sealing (ADR 33) or not: the
     * two sides of the sealing benchmark differ in that setting only.
     */
    ConfigurableApplicationContext startIngest(boolean sealed) {
        return new SpringApplicationBuilder(IngestApiApplication.class).run(
                "--server.port=0", "--server.address=127.0.0.1", "--spring.main.banner-mode=off",
                "--spring.kafka.bootstrap-servers=" + kafka(),
                "--contextstore.ingest.database.url=" + databaseUrl(),
                "--contextstore.ingest.database.username=" + ServiceRole.INGEST.roleName(),
                "--contextstore.ingest.database.password=" + secrets.of(ServiceRole.INGEST),
                "--contextstore.ingest.database.pool-size=16",
                "--server.tomcat.threads.max=64",
                "--contextstore.auth.key-directory=" + stack.directory().keys(),
                "--contextstore.master-key.file=" + (sealed ? masterKeyFile().toString() : ""));
    }

    /** The embedded stack's master key ring. */
    Path masterKeyFile() {
        return ContextStoreServices.masterKeyFile(stack.directory().keys());
    }

    /** A tenant that exists (an erasure or a key needs it), without a license key. */
    UUID newTenant(String name) {
        return new TenantAdministration(admin, UUID::randomUUID).createTenant(name);
    }

    void stopProjectors() {
        projectors.forEach(ConfigurableApplicationContext::close);
        projectors.clear();
    }

    @Override
    public void close() {
        stopProjectors();
        admin.close();
        stack.close();
        // a full run leaves about 20 GB of log and database behind; -Dbench.keep=true keeps them to look into
        if (!Boolean.getBoolean("bench.keep")) {
            stack.directory().wipe();
        }
    }
}
