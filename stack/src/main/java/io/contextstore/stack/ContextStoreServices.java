package io.contextstore.stack;

import io.contextstore.platform.crypto.CryptoRandom;
import io.contextstore.platform.crypto.MasterKeyRing;
import io.contextstore.platform.db.ServiceRole;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts ingest API, projector and query API in one Spring context from {@link ServicesSettings}. */
public final class ContextStoreServices implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private ContextStoreServices(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static ContextStoreServices start(ServicesSettings settings) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(StackApplication.class)
                .properties(properties(settings))
                .registerShutdownHook(false)
                .run();
        return new ContextStoreServices(context);
    }

    static Map<String, Object> properties(ServicesSettings settings) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("server.port", settings.httpPort());
        properties.put("server.address", "127.0.0.1");
        properties.put("spring.main.banner-mode", "off");
        properties.put("spring.kafka.bootstrap-servers", settings.kafkaBootstrapServers());
        properties.put("contextstore.topics.partitions", settings.partitions());
        properties.put("contextstore.auth.key-directory", settings.keyDirectory().toString());
        properties.put("contextstore.auth.generate-keys", true);
        // The embedded stack's master key (ADR 33): generated once beside the signing keys, owner-only.
        properties.put("contextstore.master-key.file", MasterKeyRing.generateIfMissing(
                masterKeyFile(settings.keyDirectory()), CryptoRandom.keys()).toString());
        database(properties, "ingest", ServiceRole.INGEST, settings);
        database(properties, "projector", ServiceRole.PROJECTOR, settings);
        database(properties, "query", ServiceRole.QUERY, settings);
        properties.putAll(settings.extra());
        return properties;
    }

    private static void database(Map<String, Object> properties, String service, ServiceRole role,
                                 ServicesSettings settings) {
        String prefix = "contextstore." + service + ".database.";
        properties.put(prefix + "url", settings.databaseUrl());
        properties.put(prefix + "username", role.roleName());
        properties.put(prefix + "password", settings.passwords().get(role));
    }

    /** Where the embedded stack keeps its master key ring: in the key directory, which only the owner reads. */
    public static Path masterKeyFile(Path keyDirectory) {
        return keyDirectory.resolve("master-keys");
    }

    public String baseUrl() {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return "http://127.0.0.1:" + port;
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }
}
