package io.contextstore.client.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.contextstore.client.ClientHome;
import io.contextstore.client.LocalContext;
import io.contextstore.client.auth.CredentialStore;
import io.contextstore.client.auth.Credentials;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server half of search_context against a real HTTP server standing in for the search endpoint (the
 * parameters are the endpoint's own, checked here; McpServerIT runs against the real one): its hits are
 * marked "server", and a 404, a slow answer or no login leave a note.
 */
class ServerSearchIT {

    @TempDir
    Path home;

    private HttpServer http;
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile int status = 200;
    private volatile boolean slow;

    @BeforeEach
    void start() throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/api/v1/context/search", exchange -> {
            if (slow) {
                try {
                    released.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] body = ("{\"results\": [{\"id\": \"e-1\", \"kind\": \"decision\", \"title\": \"From the server\", \"score\": 0.5,"
                    + " \"query\": \"" + exchange.getRequestURI().getQuery().replace("\"", "") + "\"}]}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, status == 200 ? body.length : -1);
            if (status == 200) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        http.start();
    }

    @AfterEach
    void stop() {
        released.countDown();
        http.stop(0);
    }

    private LocalContext loggedIn() {
        LocalContext context = LocalContext.open(new ClientHome(home), Clock.systemUTC(), new SplittableRandom(1));
        new CredentialStore(context.home().credentials()).save(new Credentials("http://127.0.0.1:" + http.getAddress().getPort(),
                "ctxs_key", "laptop", "tenant", "alice", "token", Instant.now().plus(Duration.ofHours(1))));
        return context;
    }

    @Test
    void theServersHitsAreMarkedAsComingFromTheServer() {
        try (LocalContext context = loggedIn()) {
            ServerSearch.Answer answer = new ServerSearch(context, Duration.ofSeconds(5)).search("kafka log", "decision", "ctx", 5);

            assertThat(answer.note()).isNull();
            assertThat(answer.hits()).singleElement().satisfies(hit -> {
                assertThat(hit).containsEntry("source", "server").containsEntry("title", "From the server");
                assertThat((String) hit.get("query")).contains("q=kafka+log", "kinds=decision", "project_id=ctx");
            });
        }
    }

    @Test
    void aServerWithoutTheEndpointASlowServerAndNoLoginLeaveOnlyANote() {
        try (LocalContext context = loggedIn()) {
            status = 404;
            ServerSearch.Answer missing = new ServerSearch(context, Duration.ofSeconds(5)).search("kafka", null, null, 5);
            assertThat(missing.hits()).isEmpty();
            assertThat(missing.note()).contains("404", "local results only");

            status = 200;
            slow = true;
            ServerSearch.Answer late = new ServerSearch(context, Duration.ofMillis(300)).search("kafka", null, null, 5);
            assertThat(late.hits()).isEmpty();
            assertThat(late.note()).contains("did not answer within 300 ms");
        }
        try (LocalContext anonymous = LocalContext.open(new ClientHome(home.resolve("anonymous")), Clock.systemUTC(), new SplittableRandom(1))) {
            assertThat(new ServerSearch(anonymous, Duration.ofSeconds(1)).search("kafka", null, null, 5).note()).contains("not logged in");
        }
    }
}
