package io.contextstore.bench;

import io.contextstore.events.CloudEventHeaders;
import io.contextstore.events.ContentHash;
import io.contextstore.events.ContextEvent;
import io.contextstore.events.DecisionRecorded;
import io.contextstore.events.topic.Topics;
import io.contextstore.platform.auth.AccessToken;
import io.contextstore.platform.db.ServiceRole;
import io.contextstore.query.ReadBarrier;
import io.contextstore.testing.ApiClient;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.springframework.jdbc.core.SqlParameterValue;

/**
 * Search latency on one tenant's decisions: {@code GET /api/v1/context/search} beside the very
 * statement the endpoint runs (taken from the query API's SearchReader), executed over plain JDBC as
 * cs_query in the same read-only, tenant-scoped transaction. The texts draw words from a skewed
 * vocabulary, so queries range from a word in most items to a word in a handful.
 */
final class SearchScenario {

    record Result(String query, long matches, Latencies.Summary api, Latencies.Summary jdbc) {
    }

    /** How long the tenant's events took to project, and then to become searchable. */
    record Load(BenchStack.Tenant tenant, Duration projected, Duration indexed) {
    }

    private static final String[] COMMON = ("kafka postgres schema tenant cursor projector migration index "
            + "partition offset token queue client server deploy gateway search rebuild audit replay").split(" ");

    private final BenchStack stack;
    private final Log log;

    SearchScenario(BenchStack stack) {
        this.stack = stack;
        this.log = new Log(stack);
    }

    /** A tenant with {@code events} decisions; one in a hundred also carries a pasted error text. */
    Load tenantWith(int events) {
        BenchStack.Tenant tenant = stack.tenant("search-" + events);
        String run = Long.toString(System.nanoTime(), 36);
        SplittableRandom random = new SplittableRandom(7);
        try (KafkaProducer<String, ContextEvent> producer = new KafkaProducer<>(Map.of("bootstrap.servers", stack.kafka(),
                "acks", "all", "enable.idempotence", true, "linger.ms", 20, "batch.size", 262144,
                "compression.type", "lz4"), Topics.CONTEXT_EVENTS.keySerializer(), Topics.CONTEXT_EVENTS.valueSerializer())) {
            for (int n = 0; n < events; n++) {
                ContextEvent event = decision(tenant.id(), run, n, random);
                producer.send(new ProducerRecord<>(Topics.CONTEXT_EVENTS.name(), null, tenant.id().toString(), event,
                        CloudEventHeaders.of(event)));
            }
            producer.flush();
        }
        long started = System.nanoTime();
        stack.startProjector(); // the search indexer runs in the projector service, behind the projection
        try {
            log.awaitProjected(log.endOffsets(), Duration.ofMinutes(30));
            Duration projected = Duration.ofNanos(System.nanoTime() - started);
            ApiClient api = new ApiClient(stack.baseUrl());
            String bearer = api.login(tenant.licenseKey(), "bench"); // loading a million events outlives the first token
            long end = api.get("/api/v1/context/pull?limit=1", bearer).json().get("watermark").longValue();
            Awaitility.await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    api.get("/api/v1/context/search?limit=1&q=x", bearer).json().get("watermark").longValue() >= end);
            return new Load(tenant, projected, Duration.ofNanos(System.nanoTime() - started));
        } finally {
            stack.stopProjectors();
        }
    }

    List<Result> run(BenchStack.Tenant tenant, int requestsPerQuery) throws Exception {
        List<Result> results = new ArrayList<>();
        ApiClient api = new ApiClient(stack.baseUrl());
        String bearer = api.login(tenant.licenseKey(), "bench"); // tokens last 15 minutes; the full run is longer
        AccessToken token = new AccessToken(tenant.id(), "bench", "bench", AccessToken.Role.MEMBER, "bench",
                Instant.now().plusSeconds(3600));
        try (Connection jdbc = DriverManager.getConnection(stack.databaseUrl(), ServiceRole.QUERY.roleName(),
                stack.settings(ServiceRole.QUERY).password())) {
            jdbc.setAutoCommit(false);
            jdbc.setReadOnly(true);
            for (String q : List.of("kafka", "kafka tenant", "rare4900", "ECONNREFUSED 127.0.0.1:5432", "\"rollout 12\"",
                    "postgres -kafka")) {
                List<Object> params = new ArrayList<>();
                String sql = statement(token, q, params);
                Latencies overApi = new Latencies();
                Latencies overJdbc = new Latencies();
                for (int i = 0; i < requestsPerQuery + 20; i++) {
                    long t0 = System.nanoTime();
                    int status = api.get("/api/v1/context/search?limit=20&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8),
                            bearer).status();
                    long t1 = System.nanoTime();
                    direct(jdbc, tenant.id(), sql, params);
                    long t2 = System.nanoTime();
                    if (status != 200) {
                        throw new IllegalStateException("search for " + q + " answered " + status);
                    }
                    if (i >= 20) { // the first 20 warm up
                        overApi.record(t1 - t0);
                        overJdbc.record(t2 - t1);
                    }
                }
                results.add(new Result(q, matches(jdbc, tenant.id(), q), overApi.summary(), overJdbc.summary()));
            }
        }
        return results;
    }

    /** The endpoint's own statement and parameters, from the package-private SearchReader. */
    @SuppressWarnings("unchecked")
    private static String statement(AccessToken token, String q, List<Object> params) throws Exception {
        Class<?> request = Class.forName("io.contextstore.query.search.SearchRequest");
        Class<?> cursor = Class.forName("io.contextstore.query.search.SearchCursor");
        Constructor<?> create = request.getDeclaredConstructor(String.class, List.class, String.class, int.class, cursor,
                ReadBarrier.class);
        create.setAccessible(true);
        Object search = create.newInstance(q, List.of(), null, 20, null, new ReadBarrier(null, Duration.ZERO));
        Class<?> reader = Class.forName("io.contextstore.query.search.SearchReader");
        Method paramsOf = reader.getDeclaredMethod("params", AccessToken.class, request);
        paramsOf.setAccessible(true);
        params.addAll((List<Object>) paramsOf.invoke(null, token, search));
        Method sql = reader.getDeclaredMethod("sql");
        sql.setAccessible(true);
        return (String) sql.invoke(null);
    }

    private static void direct(Connection c, UUID tenant, String sql, List<Object> params) throws SQLException {
        scope(c, tenant);
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                if (params.get(i) instanceof SqlParameterValue typed) {
                    statement.setObject(i + 1, typed.getValue(), typed.getSqlType());
                } else {
                    statement.setObject(i + 1, params.get(i));
                }
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rs.getString("snippet");
                }
            }
        }
        c.commit();
    }

    private static long matches(Connection c, UUID tenant, String q) throws SQLException {
        scope(c, tenant);
        // every match, through the same function the endpoint uses (no candidate bound)
        try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM search_matches("
                + "websearch_to_tsquery('english', ?), websearch_to_tsquery('english', ?), null, null, null, null,"
                + " 2000000000, 2000000000) m WHERE m.rank >= 3")) {
            s.setString(1, q);
            s.setString(2, q);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                long count = rs.getLong(1);
                c.commit();
                return count;
            }
        }
    }

    private static void scope(Connection c, UUID tenant) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT set_config('app.tenant_id', ?, true),"
                + " set_config('app.user_id', 'bench', true), set_config('app.role', 'member', true)")) {
            s.setString(1, tenant.toString());
            s.execute();
        }
    }

    private static ContextEvent decision(UUID tenant, String run, int n, SplittableRandom random) {
        StringBuilder body = new StringBuilder();
        for (int w = 0; w < 40; w++) {
            // skewed: a few words in most items, a long tail of rare ones
            int rank = (int) Math.floor(Math.pow(random.nextDouble(), 3) * 5000);
            body.append(rank < COMMON.length ? COMMON[rank] : "rare" + rank).append(' ');
        }
        String title = "rollout " + (n % 100) + " of " + COMMON[n % COMMON.length] + " " + run
                + (n % 100 == 0 ? " connect ECONNREFUSED 127.0.0.1:5432" : "");
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("kind", "decision");
        content.put("title", title + " #" + n);
        content.put("decision", body.toString().trim());
        String hash = ContentHash.of(content);
        Instant now = Instant.now();
        return ContextEvent.newBuilder().setEventId(ContentHash.eventId(tenant, hash)).setTenantId(tenant)
                .setUserId("bench").setDeviceId("bench").setProjectId(null).setContentHash(hash).setClientSeq(null)
                .setOccurredAt(now).setReceivedAt(now)
                .setPayload(new DecisionRecorded(title + " #" + n, body.toString().trim(), null, List.of()))
                .build();
    }
}
