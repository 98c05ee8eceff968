package io.contextstore.ingest;

import io.contextstore.platform.db.ServiceRole;
import io.contextstore.testing.ApiClient;
import io.contextstore.testing.Infrastructure;
import io.contextstore.testing.Tenants;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The ingest API as its own application on a random port, started once per test JVM. */
final class RunningIngestApi {

    private static RunningIngestApi shared;

    final Infrastructure infrastructure;
    final ConfigurableApplicationContext context;
    final ApiClient client;
    final Tenants tenants;
    final Path keyDirectory;

    private RunningIngestApi(Infrastructure infrastructure, ConfigurableApplicationContext context, Path keyDirectory) {
        this.infrastructure = infrastructure;
        this.context = context;
        this.keyDirectory = keyDirectory;
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        this.client = new ApiClient("http://127.0.0.1:" + port);
        this.tenants = new Tenants(infrastructure);
    }

    static synchronized RunningIngestApi shared() {
        if (shared == null) {
            Infrastructure infrastructure = Infrastructure.shared();
            Path keys;
            try {
                keys = Files.createTempDirectory("ingest-keys-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Map<String, Object> properties = new HashMap<>();
            properties.put("server.port", 0);
            properties.put("spring.kafka.bootstrap-servers", infrastructure.kafkaBootstrapServers());
            properties.put("contextstore.ingest.database.url", infrastructure.databaseUrl());
            properties.put("contextstore.ingest.database.username", ServiceRole.INGEST.roleName());
            properties.put("contextstore.ingest.database.password", Infrastructure.password(ServiceRole.INGEST));
            properties.put("contextstore.ingest.database.connection-timeout", "2s");
            properties.put("contextstore.auth.key-directory", keys.toString());
            properties.put("contextstore.auth.generate-keys", true);
            ConfigurableApplicationContext context = new SpringApplicationBuilder(IngestApiApplication.class)
                    .properties(properties)
                    .run();
            shared = new RunningIngestApi(infrastructure, context, keys);
        }
        return shared;
    }
}
