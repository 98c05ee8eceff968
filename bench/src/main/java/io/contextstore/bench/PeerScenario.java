package io.contextstore.bench;

import io.contextstore.testing.ApiClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * Our batch push and pull beside PouchDB Server's, with the same documents ({@link Items#decision}, about 1 KiB), 500 a
 * request or a page, from the same number of concurrent clients, each with a client of its own. A tenant of ours
 * stands beside a database of PouchDB's: one set of documents, pushed and pulled by its devices.
 */
final class PeerScenario {

    static final int PAGE = 500;

    private final BenchStack stack;
    private final PouchDbServer pouch;
    private final int clients;
    private final AtomicInteger databases = new AtomicInteger();

    PeerScenario(BenchStack stack, PouchDbServer pouch, int clients) {
        this.stack = stack;
        this.pouch = pouch;
        this.clients = clients;
    }

    /** Documents a second into a new database: {@code POST /db/_bulk_docs} of 500 documents, each client in turn. */
    double pouchPush(int requestsPerClient) throws Exception {
        String db = newDatabase();
        String run = "peer-" + System.nanoTime();
        return inParallel(client -> {
            ApiClient api = new ApiClient(pouch.baseUrl());
            for (int r = 0; r < requestsPerClient; r++) {
                bulk(api, db, run, ((long) client * requestsPerClient + r) * PAGE);
            }
            return (long) requestsPerClient * PAGE;
        });
    }

    /** Events a second through our batch push of 500 items, to a new tenant. */
    double ourPush(int requestsPerClient) throws Exception {
        return new IngestScenario(stack).run("batch-" + PAGE, clients, requestsPerClient, PAGE).eventsPerSecond();
    }

    /** A new database holding {@code documents}, written as {@link #pouchPush} writes them (not timed). */
    String pouchDatabaseWith(int documents) {
        String db = newDatabase();
        ApiClient api = new ApiClient(pouch.baseUrl());
        for (long first = 0; first < documents; first += PAGE) {
            bulk(api, db, "pull-" + db, first);
        }
        return db;
    }

    /** Documents a second read back: every client reads the whole database from the start, 500 changes a page. */
    double pouchPull(String db, int documents) throws Exception {
        return inParallel(client -> {
            ApiClient api = new ApiClient(pouch.baseUrl());
            long since = 0;
            long read = 0;
            while (true) {
                JsonNode page = ok(api.get("/" + db + "/_changes?include_docs=true&limit=" + PAGE + "&since=" + since,
                        null)).json();
                int size = page.get("results").size();
                read += size;
                since = page.get("last_seq").longValue();
                if (size < PAGE) {
                    return expected(read, documents);
                }
            }
        });
    }

    /** Events a second read back from our pull: every client catches up on the tenant from the start, 500 a page. */
    double ourPull(BenchStack.Tenant tenant, int events) throws Exception {
        PullScenario pull = new PullScenario(stack);
        return inParallel(client -> expected(pull.catchUp(tenant, PAGE).events(), events));
    }

    /** {@code PUT /db}: our test client has no PUT, so the JDK's client sends this one. */
    private String newDatabase() {
        String db = "bench-" + databases.incrementAndGet();
        try {
            HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(pouch.baseUrl() + "/" + db)).PUT(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 201) {
                throw new IllegalStateException("PouchDB Server did not create " + db + ": " + created.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return db;
    }

    private static void bulk(ApiClient api, String db, String run, long first) {
        List<Object> docs = new ArrayList<>(PAGE);
        for (int i = 0; i < PAGE; i++) {
            docs.add(Items.decision(run, first + i));
        }
        ApiClient.Response response = ok(api.post("/" + db + "/_bulk_docs", null, ApiClient.json(Map.of("docs", docs))));
        // _bulk_docs answers 201 even when a document failed: each has its own "ok" or "error"
        for (JsonNode result : response.json()) {
            if (result.get("ok") == null) {
                throw new IllegalStateException("PouchDB refused a document: " + result);
            }
        }
    }

    /** Runs {@code work} on every client at once; the items they handled, a second, from the first start to the last end. */
    private double inParallel(ClientWork work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long started = System.nanoTime();
        try {
            List<Future<Long>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                done.add(pool.submit((Callable<Long>) () -> work.run(client)));
            }
            long items = 0;
            for (Future<Long> f : done) {
                items += f.get();
            }
            return items / ((System.nanoTime() - started) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface ClientWork {
        long run(int client) throws Exception;
    }

    private static long expected(long read, long expected) {
        if (read != expected) {
            throw new IllegalStateException("a client read " + read + " of " + expected + " items");
        }
        return read;
    }

    private static ApiClient.Response ok(ApiClient.Response response) {
        if (response.status() >= 300) {
            throw new IllegalStateException("PouchDB Server answered " + response.status() + ": " + response.body());
        }
        return response;
    }
}
