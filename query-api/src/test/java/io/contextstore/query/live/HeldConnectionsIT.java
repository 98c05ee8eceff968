package io.contextstore.query.live;

import static io.contextstore.query.live.LiveFixture.decision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.contextstore.testing.ApiClient;
import io.contextstore.testing.Tenants.TestTenant;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Streams and waiting pulls hold connections, not threads: a waiting pull is answered by the projector's
 * commit; beyond its share a tenant gets 429 and a full instance 503, both with Retry-After; and a tenant
 * holding its whole share leaves another tenant's plain pulls fast (the 260 waiting pulls made them
 * take 17.6 s). Limits here (LiveFixture): 4 streams a tenant, 6 an instance; 200 waits a tenant, 210 an instance.
 */
class HeldConnectionsIT extends AgainstLiveServices {

    private static final int PULLS = 200;
    private static final String FAR_AHEAD = "wait_for=1000000000000&timeout_ms=";
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void aWaitingPullIsAnsweredByTheCommitOfItsPositionNotByItsTimeout() throws Exception {
        TestTenant tenant = live.tenants().create("alice");
        String alice = live.ingest().login(tenant.licenseKey(), "laptop");
        long watermark = live.query().get("/api/v1/context/pull?limit=1", alice).json().get("watermark").longValue();
        long asked = System.nanoTime();
        CompletableFuture<HttpResponse<String>> waiting = pull(alice, "cursor=" + watermark + "&wait_for=" + (watermark + 1)
                + "&timeout_ms=30000");
        await().atMost(PATIENCE).until(() -> live.admission().held(Admission.Hold.WAIT, tenant.tenantId()) == 1);

        live.push(alice, List.of(decision("awaited")));

        HttpResponse<String> answered = waiting.get(PATIENCE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(answered.body()).contains("awaited");
        assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(Duration.ofSeconds(25));
    }

    @Test
    void beyondItsShareATenantGets429AndBeyondTheInstancesAnotherGets503BothWithRetryAfter() {
        String a = live.login("a");
        String b = live.login("b");
        List<SseClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                open.add(SseClient.open(live.queryUrl(), "/api/v1/context/stream", a, null));
            }
            assertThat(open).allSatisfy(s -> assertThat(s.status()).isEqualTo(200));
            ApiClient.Response fifth = live.query().get("/api/v1/context/stream", a);
            assertRefused(fifth, 429, "open streams");

            open.add(SseClient.open(live.queryUrl(), "/api/v1/context/stream", b, null));
            open.add(SseClient.open(live.queryUrl(), "/api/v1/context/stream", b, null));
            assertThat(open).allSatisfy(s -> assertThat(s.status()).isEqualTo(200));
            assertRefused(live.query().get("/api/v1/context/stream", b), 503, "open streams");
        } finally {
            open.forEach(SseClient::close);
        }
    }

    @Test
    void waitingPullsBeyondATenantsShareGet429AndBeyondTheInstancesGet503() throws Exception {
        TestTenant tenantA = live.tenants().create("a");
        String a = live.ingest().login(tenantA.licenseKey(), "laptop");
        String b = live.login("b");
        List<CompletableFuture<HttpResponse<String>>> waits = new ArrayList<>();
        IntStream.range(0, 200).forEach(i -> waits.add(pull(a, FAR_AHEAD + 6000)));
        await().atMost(PATIENCE).until(() -> live.admission().held(Admission.Hold.WAIT, tenantA.tenantId()) == 200);
        assertRefused(live.query().get("/api/v1/context/pull?" + FAR_AHEAD + 6000, a), 429, "waiting pulls");
        IntStream.range(0, 10).forEach(i -> waits.add(pull(b, FAR_AHEAD + 6000)));
        await().atMost(PATIENCE).until(() -> live.admission().held(Admission.Hold.WAIT) == 210);
        assertRefused(live.query().get("/api/v1/context/pull?" + FAR_AHEAD + 6000, b), 503, "waiting pulls");

        for (CompletableFuture<HttpResponse<String>> wait : waits) { // their timeout answers them, with the page
            assertThat(wait.get(PATIENCE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aTenantHoldingAllItsStreamsAndWaitsLeavesAnotherTenantsPlainPullsAsFastAsWithNothingHeld() throws Exception {
        TestTenant tenantA = live.tenants().create("a");
        String a = live.ingest().login(tenantA.licenseKey(), "laptop");
        String b = live.login("b");
        live.push(b, List.of(decision("b1"), decision("b2"), decision("b3")));
        await().atMost(PATIENCE).until(() -> live.query().get("/api/v1/context/pull", b).json().get("events").size() == 3);

        long[] alone = timedPulls(b); // the same pulls with nothing held: what this machine gives now
        List<SseClient> streams = new ArrayList<>();
        List<CompletableFuture<HttpResponse<String>>> waits = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                streams.add(SseClient.open(live.queryUrl(), "/api/v1/context/stream", a, null));
            }
            IntStream.range(0, 260).forEach(i -> waits.add(pull(a, FAR_AHEAD + 30000))); // as in the issue, at the longest wait
            await().atMost(PATIENCE).until(() -> waits.stream().filter(CompletableFuture::isDone).count() == 60
                    && live.admission().held(Admission.Hold.WAIT, tenantA.tenantId()) == 200);
            assertThat(waits.stream().filter(CompletableFuture::isDone).map(CompletableFuture::join))
                    .allSatisfy(refused -> assertThat(refused.statusCode()).isEqualTo(429));

            long[] held = timedPulls(b);
            assertThat(live.admission().held(Admission.Hold.WAIT, tenantA.tenantId())).as("still held while measured")
                    .isEqualTo(200);
            assertThat(live.admission().held(Admission.Hold.STREAM, tenantA.tenantId())).isEqualTo(4);
            // 50 ms, unless this shared machine cannot give that even with nothing held (its pull p99 is 35-52 ms in
            // bench/RESULTS.md): then no worse than twice that. Holding threads, as before ADR 38, made it 17.6 s.
            System.out.printf("another tenant's plain pull, ms: held p50 %d p99 %d max %d; nothing held p50 %d p99 %d max %d%n",
                    held[PULLS / 2], p99(held), held[PULLS - 1], alone[PULLS / 2], p99(alone), alone[PULLS - 1]);
            long bar = Math.max(50, 2 * p99(alone));
            assertThat(p99(held)).as("p99 of another tenant's plain pull, ms (p50 %d, max %d; with nothing held: p50 %d,"
                    + " p99 %d, max %d)", held[PULLS / 2], held[PULLS - 1], alone[PULLS / 2], p99(alone), alone[PULLS - 1])
                    .isLessThan(bar);
        } finally {
            streams.forEach(SseClient::close);
        }
        for (CompletableFuture<HttpResponse<String>> wait : waits) {
            assertThat(wait.get(PATIENCE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS).statusCode()).isIn(200, 429);
        }
    }

    /**
     * {@link #PULLS} plain pulls after 20 to warm up, each timed, sorted (ms). The test JVM's own garbage (its
     * clients, three services) is collected first, so a collection of it does not land in one measurement only.
     */
    private static long[] timedPulls(String token) {
        for (int i = 0; i < 20; i++) {
            live.query().get("/api/v1/context/pull", token);
        }
        System.gc();
        long[] millis = new long[PULLS];
        for (int i = 0; i < millis.length; i++) {
            long begun = System.nanoTime();
            ApiClient.Response pulled = live.query().get("/api/v1/context/pull", token);
            millis[i] = (System.nanoTime() - begun) / 1_000_000;
            assertThat(pulled.status()).isEqualTo(200);
            assertThat(pulled.json().get("events")).hasSize(3);
        }
        java.util.Arrays.sort(millis);
        return millis;
    }

    private static long p99(long[] sorted) {
        return sorted[(int) Math.ceil(sorted.length * 0.99) - 1];
    }

    private static void assertRefused(ApiClient.Response response, int status, String what) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.header("Retry-After")).isEqualTo("5");
        assertThat(response.body()).contains(what);
    }

    private CompletableFuture<HttpResponse<String>> pull(String token, String query) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(live.queryUrl() + "/api/v1/context/pull?" + query))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(90)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
