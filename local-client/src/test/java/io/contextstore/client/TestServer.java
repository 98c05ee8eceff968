package io.contextstore.client;

import io.contextstore.embedded.FreePorts;
import io.contextstore.events.ContextEvent;
import io.contextstore.platform.crypto.CryptoRandom;
import io.contextstore.platform.crypto.EventSealing;
import io.contextstore.platform.crypto.MasterKeyRing;
import io.contextstore.platform.crypto.SubjectKey;
import io.contextstore.platform.crypto.SubjectKeys;
import io.contextstore.platform.db.Database;
import io.contextstore.platform.db.ServiceRole;
import io.contextstore.stack.ContextStoreServices;
import io.contextstore.stack.ServicesSettings;
import io.contextstore.testing.Infrastructure;
import io.contextstore.testing.Tenants;
import io.contextstore.testing.TopicReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The real services (ingest, projector, query) in this JVM over the shared real broker and database,
 * on a fixed port so that a test can stop the server and start it again at the same URL.
 */
public final class TestServer {

    private static TestServer shared;

    private final Infrastructure infrastructure;
    private final ServicesSettings settings;
    private final Tenants tenants;
    private ContextStoreServices services;

    private TestServer(Infrastructure infrastructure, ServicesSettings settings) {
        this.infrastructure = infrastructure;
        this.settings = settings;
        this.tenants = new Tenants(infrastructure);
    }

    public static synchronized TestServer shared() {
        if (shared == null) {
            Infrastructure infrastructure = Infrastructure.shared();
            Map<ServiceRole, String> passwords = new EnumMap<>(ServiceRole.class);
            for (ServiceRole role : ServiceRole.values()) {
                passwords.put(role, Infrastructure.password(role));
            }
            ServicesSettings settings = new ServicesSettings(infrastructure.kafkaBootstrapServers(),
                    infrastructure.databaseUrl(), passwords, keyDirectory(), FreePorts.next(), 12,
                    Map.of("contextstore.ingest.database.connection-timeout", "2s"));
            shared = new TestServer(infrastructure, settings);
            shared.start();
        }
        return shared;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + settings.httpPort();
    }

    /** "Server stopped": the port refuses connections until {@link #start()}. */
    public synchronized void stop() {
        if (services != null) {
            services.close();
            services = null;
        }
    }

    public synchronized void start() {
        if (services == null) {
            services = ContextStoreServices.start(settings);
        }
    }

    /** A client home under {@code directory} logged in as {@code member} from {@code device}. */
    public Ctx device(Path directory, Tenants.TestTenant member, String device) {
        Ctx ctx = new Ctx(directory.resolve(member.userId() + "-" + device));
        Ctx.Run login = ctx.run("login", "--server", baseUrl(), "--key", member.licenseKey(), "--device", device);
        if (login.exit() != 0) {
            throw new IllegalStateException("ctx login failed: " + login.err());
        }
        return ctx;
    }

    public Tenants tenants() {
        return tenants;
    }

    public Infrastructure infrastructure() {
        return infrastructure;
    }

    /** Every event of the tenant in Kafka, the system of record, decoded (erasures, which are not events, left out). */
    public List<ContextEvent> events(UUID tenantId) {
        return new TopicReader(infrastructure.kafkaBootstrapServers()).eventsOf(tenantId).stream()
                .filter(record -> !io.contextstore.events.CloudEventHeaders.isSubjectErased(record.headers()))
                .map(TopicReader::decode).toList();
    }

    /**
     * The content hash of each event as its client computed it (in offset order): for a sealed event the one
     * inside its sealed bytes, opened with the services' keys (the log's is keyed, ADR 33).
     */
    public List<String> contentHashes(UUID tenantId) {
        List<ContextEvent> events = events(tenantId);
        SubjectKeys keys = new SubjectKeys(MasterKeyRing.fromFile(masterKeyFile(), CryptoRandom.nonces()), CryptoRandom.keys(),
                UUID::randomUUID);
        java.util.Set<UUID> keyIds = new java.util.HashSet<>();
        events.stream().map(EventSealing::keyIdOf).filter(java.util.Objects::nonNull).forEach(keyIds::add);
        try (Database projector = Database.connect(infrastructure.settings(ServiceRole.PROJECTOR), "test-server-keys")) {
            Map<UUID, SubjectKey> found = projector.readInTenant(tenantId, jdbc -> keys.existing(jdbc, tenantId, keyIds));
            return events.stream().map(event -> event.getSealed() == null ? event.getContentHash() : opened(event, found)).toList();
        }
    }

    private static String opened(ContextEvent event, Map<UUID, SubjectKey> keys) {
        try {
            return EventSealing.open(event, keys.get(EventSealing.keyIdOf(event))).plainHash();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("event " + event.getEventId() + " does not open with its key", e);
        }
    }

    /** The master key ring the services seal with (ADR 33). */
    public Path masterKeyFile() {
        return ContextStoreServices.masterKeyFile(settings.keyDirectory());
    }

    private static Path keyDirectory() {
        try {
            return Files.createTempDirectory("ctx-it-keys-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
