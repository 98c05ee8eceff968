package io.contextstore.stack;

import io.contextstore.platform.db.ServiceRole;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The one directory the embedded stack keeps everything in: the database, the broker's log, the
 * signing keys, generated passwords (readable by the owner only) and where the servers listen.
 */
public final class StackDirectory {

    public static final String OWNER = "cs_owner";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path root;

    public StackDirectory(Path root) {
        this.root = root.toAbsolutePath();
    }

    /** The given directory, or the default location when none was given. */
    public static StackDirectory atOrDefault(Path directory) {
        return new StackDirectory(directory == null ? defaultLocation() : directory);
    }

    public static Path defaultLocation() {
        String configured = System.getenv("CONTEXTSTORE_DATA");
        return configured != null && !configured.isBlank()
                ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".contextstore-stack");
    }

    public Path root() {
        return root;
    }

    public Path postgres() {
        return root.resolve("postgres");
    }

    public Path kafka() {
        return root.resolve("kafka");
    }

    public Path keys() {
        return root.resolve("keys");
    }

    /** The embedded stack's master key ring (ADR 33), if the stack ever ran here. */
    public Optional<Path> masterKeyFile() {
        Path file = ContextStoreServices.masterKeyFile(keys());
        return Files.exists(file) ? Optional.of(file) : Optional.empty();
    }

    public Path logFile() {
        return root.resolve("logs/contextstore.log");
    }

    public Path demoKeyFile() {
        return root.resolve("demo-license-key");
    }

    /** Deletes everything: the documented way to start from scratch. */
    public void wipe() {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The owner's and every service role's password, generated on first use and kept between runs. */
    public Secrets secrets() {
        Path file = root.resolve("secrets.properties");
        Properties values = read(file);
        boolean changed = false;
        for (String name : secretNames()) {
            if (values.getProperty(name) == null) {
                values.setProperty(name, randomSecret());
                changed = true;
            }
        }
        if (changed) {
            write(file, values, "generated passwords of the embedded stack's database roles");
        }
        return new Secrets(values);
    }

    /** Where the running stack listens, for the operator command. */
    public void recordEndpoints(String databaseUrl, String baseUrl, String kafkaBootstrapServers) {
        Properties values = new Properties();
        values.setProperty("database.url", databaseUrl);
        values.setProperty("base.url", baseUrl);
        values.setProperty("kafka.bootstrap-servers", kafkaBootstrapServers);
        write(root.resolve("stack.properties"), values, "where the embedded stack listens");
    }

    public Optional<String> recordedDatabaseUrl() {
        return Optional.ofNullable(read(root.resolve("stack.properties")).getProperty("database.url"));
    }

    /** Where the running stack's broker listens, for the operator command (erasures are appended there). */
    public Optional<String> recordedKafkaBootstrapServers() {
        return Optional.ofNullable(read(root.resolve("stack.properties")).getProperty("kafka.bootstrap-servers"));
    }

    public Optional<String> recordedBaseUrl() {
        return Optional.ofNullable(read(root.resolve("stack.properties")).getProperty("base.url"));
    }

    public void writePrivate(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            restrictToOwner(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String[] secretNames() {
        ServiceRole[] roles = ServiceRole.values();
        String[] names = new String[roles.length + 1];
        names[0] = OWNER;
        for (int i = 0; i < roles.length; i++) {
            names[i + 1] = roles[i].roleName();
        }
        return names;
    }

    private static String randomSecret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Properties read(Path file) {
        Properties values = new Properties();
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file)) {
                values.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return values;
    }

    private void write(Path file, Properties values, String comment) {
        try {
            Files.createDirectories(file.getParent());
            try (Writer writer = Files.newBufferedWriter(file)) {
                values.store(writer, comment);
            }
            restrictToOwner(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        if (Files.getFileAttributeView(file, PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    /** Passwords by role name. */
    public record Secrets(Properties values) {

        public String owner() {
            return values.getProperty(OWNER);
        }

        public String of(ServiceRole role) {
            return values.getProperty(role.roleName());
        }

        public Map<ServiceRole, String> services() {
            Map<ServiceRole, String> passwords = new EnumMap<>(ServiceRole.class);
            for (ServiceRole role : ServiceRole.values()) {
                passwords.put(role, of(role));
            }
            return passwords;
        }
    }
}
