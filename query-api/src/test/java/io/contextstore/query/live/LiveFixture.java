package io.contextstore.query.live;

import io.contextstore.ingest.IngestApiApplication;
import io.contextstore.platform.db.ServiceRole;
import io.contextstore.projector.ProjectorApplication;
import io.contextstore.query.QueryConfiguration;
import io.contextstore.testing.ApiClient;
import io.contextstore.testing.Infrastructure;
import io.contextstore.testing.Tenants;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The ingest API, the projector and the query API as three separate applications in this JVM, over the
 * shared test broker and database, so a test can stop and start the projector or the query API alone, as
 * a deployment restarts one instance. The query API verifies tokens with the ingest API's public keys.
 */
final class LiveFixture implements AutoCloseable {

    /** The query API alone (its main class would also find the search tests' three-service configuration). */
    @SpringBootConfiguration
    @EnableAutoConfiguration(exclude = DataSourceAutoConfiguration.class)
    @Import(QueryConfiguration.class)
    static class QueryOnly {
    }

    /** Small limits and short timers, so a test reaches them quickly. */
    static final Map<String, Object> LIVE = Map.of(
            "contextstore.query.live.heartbeat", "300ms",
            "contextstore.query.live.slow-reader-timeout", "1s",
            "contextstore.query.live.max-streams-per-tenant", 4,
            "contextstore.query.live.max-streams-per-instance", 6,
            "contextstore.query.live.max-waits-per-tenant", 200,
            "contextstore.query.live.max-waits-per-instance", 210,
            "contextstore.query.live.page-size", 50,
            "contextstore.query.live.listen-check", "2s",
            "logging.level.io.contextstore.query.live", "DEBUG");

    private final Infrastructure infrastructure = Infrastructure.shared();
    private final Tenants tenants = new Tenants(infrastructure);
    private final Path keys;
    private final ConfigurableApplicationContext ingest;
    private ConfigurableApplicationContext projector;
    private ConfigurableApplicationContext query;

    LiveFixture() {
        try {
            keys = Files.createTempDirectory("live-keys-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ingest = run(IngestApiApplication.class, ServiceRole.INGEST, Map.of(
                "contextstore.auth.key-directory", keys.toString(), "contextstore.auth.generate-keys", true));
        startProjector();
        startQuery();
    }

    void startProjector() {
        projector = run(ProjectorApplication.class, ServiceRole.PROJECTOR, Map.of());
    }

    void stopProjector() {
        projector.close();
    }

    void startQuery() {
        Map<String, Object> settings = new HashMap<>(LIVE);
        settings.put("contextstore.auth.jwks-uri", url(ingest) + "/.well-known/jwks.json");
        query = run(QueryOnly.class, ServiceRole.QUERY, settings);
    }

    void stopQuery() {
        query.close();
    }

    ApiClient ingest() {
        return new ApiClient(url(ingest));
    }

    ApiClient query() {
        return new ApiClient(url(query));
    }

    String queryUrl() {
        return url(query);
    }

    Admission admission() {
        return query.getBean(Admission.class);
    }

    Tenants tenants() {
        return tenants;
    }

    /** Logs a fresh member of a fresh tenant in through the ingest API. */
    String login(String userId) {
        return ingest().login(tenants.create(userId).licenseKey(), userId + "-laptop");
    }

    /** Pushes items in one batch and answers their cursors, in order. */
    List<Long> push(String token, List<Map<String, Object>> items) {
        ApiClient.Response response = ingest().post("/api/v1/context/push", token, ApiClient.json(Map.of("items", items)));
        if (response.status() != 200) {
            throw new AssertionError("push answered " + response.status() + ": " + response.body());
        }
        List<Long> cursors = new java.util.ArrayList<>();
        response.json().get("results").forEach(result -> cursors.add(result.get("cursor").longValue()));
        return cursors;
    }

    static Map<String, Object> decision(String title) {
        return Map.of("kind", "decision", "title", title, "decision", "decided: " + title);
    }

    static Map<String, Object> message(String id, String content) {
        return Map.of("kind", "message", "message_id", id, "session_id", "s-1", "role", "user", "content", content);
    }

    @Override
    public void close() {
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] {query, projector, ingest}) {
            if (context != null && context.isActive()) {
                context.close();
            }
        }
        tenants.close();
    }

    private ConfigurableApplicationContext run(Class<?> application, ServiceRole role, Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>(extra);
        properties.put("server.port", 0);
        properties.put("server.address", "127.0.0.1");
        properties.put("spring.main.banner-mode", "off");
        properties.put("spring.kafka.bootstrap-servers", infrastructure.kafkaBootstrapServers());
        properties.put("contextstore.topics.partitions", 12);
        String prefix = "contextstore." + role.name().toLowerCase() + ".database.";
        properties.put(prefix + "url", infrastructure.databaseUrl());
        properties.put(prefix + "username", role.roleName());
        properties.put(prefix + "password", Infrastructure.password(role));
        return new SpringApplicationBuilder(application).properties(properties).registerShutdownHook(false).run();
    }

    private static String url(ConfigurableApplicationContext context) {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
