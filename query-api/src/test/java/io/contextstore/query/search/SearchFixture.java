package io.contextstore.query.search;

import io.contextstore.ingest.IngestConfiguration;
import io.contextstore.platform.db.ServiceRole;
import io.contextstore.projector.ProjectorConfiguration;
import io.contextstore.query.QueryConfiguration;
import io.contextstore.testing.ApiClient;
import io.contextstore.testing.Infrastructure;
import io.contextstore.testing.Tenants;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.awaitility.Awaitility;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * Ingest API, projector and query API in one context over the shared test broker and database, as
 * the embedded stack runs them: search tests push through the real API and read what the real
 * projector wrote. Started once per test JVM.
 */
final class SearchFixture {

    @SpringBootConfiguration
    @EnableAutoConfiguration(exclude = DataSourceAutoConfiguration.class)
    @Import({IngestConfiguration.class, ProjectorConfiguration.class, QueryConfiguration.class})
    static class ThreeServices {
    }

    private static SearchFixture shared;

    private final Infrastructure infrastructure;
    private final ApiClient client;
    private final Tenants tenants;

    private SearchFixture(Infrastructure infrastructure, ConfigurableApplicationContext context) {
        this.infrastructure = infrastructure;
        this.client = new ApiClient("http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort());
        this.tenants = new Tenants(infrastructure);
    }

    static synchronized SearchFixture shared() {
        if (shared == null) {
            Infrastructure infrastructure = Infrastructure.shared();
            Map<String, Object> properties = new HashMap<>();
            properties.put("server.port", 0);
            properties.put("server.address", "127.0.0.1");
            properties.put("spring.main.banner-mode", "off");
            properties.put("spring.kafka.bootstrap-servers", infrastructure.kafkaBootstrapServers());
            properties.put("contextstore.topics.partitions", 12);
            properties.put("contextstore.auth.generate-keys", true);
            try {
                properties.put("contextstore.auth.key-directory", Files.createTempDirectory("search-keys-").toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (ServiceRole role : new ServiceRole[] {ServiceRole.INGEST, ServiceRole.PROJECTOR, ServiceRole.QUERY}) {
                String prefix = "contextstore." + role.name().toLowerCase() + ".database.";
                properties.put(prefix + "url", infrastructure.databaseUrl());
                properties.put(prefix + "username", role.roleName());
                properties.put(prefix + "password", Infrastructure.password(role));
            }
            ConfigurableApplicationContext context = new SpringApplicationBuilder(ThreeServices.class)
                    .properties(properties).run();
            shared = new SearchFixture(infrastructure, context);
        }
        return shared;
    }

    ApiClient client() {
        return client;
    }

    Tenants tenants() {
        return tenants;
    }

    Infrastructure infrastructure() {
        return infrastructure;
    }

    /** Waits until search sees the token's tenant up to {@code cursor} (a push's cursor): the search watermark. */
    void awaitSearchable(String token, long cursor) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                client.get("/api/v1/context/search?q=x&limit=1", token)
                        .json().get("watermark").longValue() >= cursor);
    }
}
