import io.contextstore.client.ClientHome;
import io.contextstore.client.LocalContext;
import io.contextstore.client.TestServer;
import io.contextstore.client.auth.Session;
import io.contextstore.client.items.Item;
import io.contextstore.client.items.Kind;
import io.contextstore.client.search.Filter;
import io.contextstore.client.search.FtsQuery;
import io.contextstore.client.search.Indexed;
import io.contextstore.client.search.LocalSearch;
import io.contextstore.client.sync.SyncObserver;
import io.contextstore.client.sync.SyncReport;
import io.contextstore.client.sync.Synchronizer;
import io.contextstore.client.tiers.Tier;
import io.contextstore.testing.Tenants.TestTenant;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The figures of the local client's note. Hook: the ./ctx launcher as an editor runs it, one process per
 * event, wall time from process start to exit. Drain and pull: the library in this JVM against the real
 * services (ingest, projector, query) over the real broker and database of the test infrastructure.
 */
public final class ClientBench {

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        int hookRuns = Integer.parseInt(args[1]);
        List<String> sections = List.of((args.length > 2 ? args[2] : "hook,search,sync").split(","));
        if (sections.contains("hook")) {
            hooks(root, hookRuns);
        }
        if (sections.contains("search")) {
            search(Integer.getInteger("search.items", 100_000));
        }
        if (!sections.contains("sync")) {
            System.exit(0);
        }
        TestServer server = TestServer.shared();
        TestTenant alice = server.tenants().create("alice");
        Path work = Files.createTempDirectory("ctx-bench-");
        enqueue(work.resolve("enqueue"));
        long maxCursor = drain(server, alice, work.resolve("laptop"));
        pull(server, alice, work.resolve("desktop"), maxCursor);
        System.exit(0);
    }

    /**
     * {@code ctx hook} as an editor runs it, one process per event, on a store with content: UserPromptSubmit (the
     * prompt searches the local tiers and answers with context), SessionStart (a digest of the project), a TodoWrite
     * PostToolUse (three tasks recorded), and their raw baseline, a JVM with the launcher's options running an empty
     * main. Each event twice: answered by the resident daemon (ADR 35, as an editor gets it once the first hook has
     * started one) and in a JVM of its own (CTX_DAEMON=off). The seven are run in turn, round after round, so that a busy
     * spell of the machine weighs on all of them alike. Then one more UserPromptSubmit with -Xlog:class+load, counting
     * where its classes came from in a JVM of its own.
     */
    private static void hooks(Path root, int runs) throws Exception {
        Path home = Files.createTempDirectory("ctx-bench-hook-");
        List<Item> content = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(12);
        for (int i = 0; i < 300; i++) {
            content.add(Item.of(i % 3 == 0 ? Kind.DECISION : i % 3 == 1 ? Kind.LEARNING : Kind.ERROR_SOLUTION,
                    generatedFields(i % 3, random), Instant.now()));
        }
        content.add(Item.of(Kind.ERROR_SOLUTION, Map.of("error", "initdb: cannot be run as root", "solution",
                "run initdb in a user namespace (unshare -U) in CI", "project_id", "contextstore"), Instant.now()));
        try (LocalContext context = open(home)) {
            context.recordAll(content);
        }
        byte[] prompt = hookEvent(root, "userpromptsubmit.json");
        String answer = once(ctxHook(root), home, prompt, List.of(), ProcessBuilder.Redirect.PIPE, false);
        if (!answer.contains("additionalContext")) {
            throw new IllegalStateException("the UserPromptSubmit hook found nothing to add: " + answer);
        }
        byte[] start = hookEvent(root, "sessionstart.json");
        String digest = once(ctxHook(root), home, start, List.of(), ProcessBuilder.Redirect.PIPE, false);
        byte[] todos = hookEvent(root, "todowrite-posttooluse.json");
        String prompted = "UserPromptSubmit through ./ctx (" + content.size() + " items in the store, answer "
                + answer.strip().length() + " characters)";
        String sessionStart = "SessionStart through ./ctx (answer " + digest.strip().length() + " characters)";
        List<HookCase> cases = List.of(
                new HookCase(prompted + ", answered by the daemon,", ctxHook(root), prompt, true),
                new HookCase("raw baseline, an empty main on a JVM with ./ctx's options,", emptyJvm(), prompt, false),
                new HookCase(sessionStart + ", answered by the daemon,", ctxHook(root), start, true),
                new HookCase("PostToolUse (TodoWrite) through ./ctx, answered by the daemon,", ctxHook(root), todos, true),
                new HookCase(prompted + " in its own JVM (CTX_DAEMON=off)", ctxHook(root), prompt, false),
                new HookCase(sessionStart + " in its own JVM (CTX_DAEMON=off)", ctxHook(root), start, false),
                new HookCase("PostToolUse (TodoWrite) through ./ctx in its own JVM (CTX_DAEMON=off)", ctxHook(root), todos, false));
        once(ctxHook(root), home, prompt, List.of(), ProcessBuilder.Redirect.DISCARD, true); // finds none: starts the daemon
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (ctxDaemon(root, home, "status") != 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no hook daemon a minute after the first hook");
            }
            Thread.sleep(100); // a benchmark's wait for a process, not a test
        }
        long[][] millis = new long[cases.size()][runs];
        for (int i = -5; i < runs; i++) { // five warm-up rounds (page cache), not counted
            for (int c = 0; c < cases.size(); c++) {
                long started = System.nanoTime();
                once(cases.get(c).command(), home, cases.get(c).input(), List.of(), ProcessBuilder.Redirect.DISCARD,
                        cases.get(c).daemon());
                long elapsed = System.nanoTime() - started;
                if (i >= 0) {
                    millis[c][i] = elapsed / 1_000_000;
                }
            }
        }
        for (int c = 0; c < cases.size(); c++) {
            long[] sorted = millis[c];
            Arrays.sort(sorted);
            System.out.printf("ctx hook %s wall time over %d runs (process start to exit): p50 %d ms, p90 %d ms,"
                    + " p99 %d ms, max %d ms%n", cases.get(c).name(), runs, pct(sorted, 50), pct(sorted, 90), pct(sorted, 99),
                    sorted[runs - 1]);
        }
        memory(root, home, prompt);
        ctxDaemon(root, home, "stop");
        Path log = home.resolve("class-load.log");
        once(ctxHook(root), home, prompt, List.of("-Xlog:class+load:file=" + log), ProcessBuilder.Redirect.DISCARD, false);
        List<String> lines = Files.readAllLines(log);
        System.out.printf("ctx hook UserPromptSubmit class loading: %d classes from the class data archive, %d from jars,"
                        + " %d from the JDK's modules, %d generated at run time%n",
                count(lines, "source: shared objects file"), count(lines, "source: file:") + count(lines, "source: jar:"),
                count(lines, "source: jrt:"), count(lines, "source: __"));
    }

    /**
     * What {@code ctx} holds in memory on a developer's machine: the resident daemon after the rounds above (its
     * proportional set size and its peak resident size), and the peak resident size of one UserPromptSubmit in a JVM of
     * its own (GNU time's maximum resident set size of the launcher and the JVM it runs).
     */
    private static void memory(Path root, Path home, byte[] prompt) throws Exception {
        long daemon = Long.parseLong(Files.readString(home.resolve("daemon")).trim().split("\\s+")[2]);
        long pss = 0;
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(daemon), "smaps_rollup"))) {
            pss = line.startsWith("Pss:") ? Long.parseLong(line.replaceAll("\\D+", "")) : pss;
        }
        long peak = 0;
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(daemon), "status"))) {
            peak = line.startsWith("VmHWM:") ? Long.parseLong(line.replaceAll("\\D+", "")) : peak;
        }
        List<String> timed = new ArrayList<>(List.of("/usr/bin/time", "-f", "maxrss %M"));
        timed.addAll(ctxHook(root));
        ProcessBuilder builder = new ProcessBuilder(timed).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("CTX_HOME", home.toString());
        builder.environment().put("CTX_DAEMON", "off");
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(prompt);
        }
        String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        long own = errors.lines().filter(l -> l.startsWith("maxrss ")).mapToLong(l -> Long.parseLong(l.substring(7)))
                .findFirst().orElseThrow(() -> new IllegalStateException("no maxrss from /usr/bin/time: " + errors));
        System.out.printf("ctx memory: hook daemon PSS %d MiB (peak resident %d MiB) after the rounds; one UserPromptSubmit"
                + " in its own JVM: peak resident %d MiB%n", pss / 1024, peak / 1024, own / 1024);
    }

    private record HookCase(String name, List<String> command, byte[] input, boolean daemon) {
    }

    private static int ctxDaemon(Path root, Path home, String action) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(root.resolve("ctx").toString(), "daemon", action)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("CTX_HOME", home.toString());
        return builder.start().waitFor();
    }

    private static byte[] hookEvent(Path root, String name) throws Exception {
        return Files.readAllBytes(root.resolve("local-client/src/test/resources/hook/" + name));
    }

    private static long count(List<String> lines, String source) {
        return lines.stream().filter(line -> line.contains(source)).count();
    }

    /** The raw baseline of the hook's figure: a JVM with ./ctx's options that runs an empty main and exits. */
    public static final class Nothing {
        public static void main(String[] args) {
        }
    }

    private static List<String> emptyJvm() throws Exception {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xshare:auto", "-cp",
                Path.of(ClientBench.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString(),
                Nothing.class.getName());
    }

    private static List<String> ctxHook(Path root) {
        return List.of(root.resolve("ctx").toString(), "hook");
    }

    /** One process of {@code command}; its stdout when {@code stdout} is PIPE. */
    private static String once(List<String> command, Path home, byte[] event, List<String> javaOptions,
            ProcessBuilder.Redirect stdout, boolean daemon) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(stdout).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("CTX_HOME", home.toString());
        builder.environment().put("CTX_DAEMON", daemon ? "on" : "off");
        if (!javaOptions.isEmpty()) {
            builder.environment().put("CTX_JAVA_OPTS", String.join(" ", javaOptions));
        }
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(event);
        }
        String out = stdout == ProcessBuilder.Redirect.PIPE
                ? new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8) : "";
        int exit = process.waitFor();
        if (exit != 0) {
            throw new IllegalStateException(command + " exited " + exit);
        }
        return out;
    }

    /** A skewed vocabulary: a few words are in many items, most in few, as in real notes. */
    private static final String[] WORDS = ("cache kafka broker postgres index search query projector tenant token sqlite"
            + " queue drain pull push hook session budget archive class data sharing jvm maven module build test latency"
            + " timeout retry backoff schema migration trigger transaction commit rollback deadlock lock partition offset"
            + " consumer producer topic replica leader election heartbeat ssl certificate proxy gateway route handler"
            + " servlet filter interceptor bean context container docker image volume network port socket thread pool"
            + " executor future stream buffer channel encoder decoder serializer avro json yaml config property profile"
            + " secret vault credential login logout password hash salt cipher key rotation expiry clock drift ntp"
            + " monitor metric gauge counter histogram alert dashboard log trace span sampler exporter collector agent"
            + " ci pipeline runner artifact release version tag branch merge rebase conflict review approve deploy"
            + " rollout canary blue green feature flag toggle experiment cohort user team tenant role permission").split(" ");

    private static String words(SplittableRandom random, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            double r = random.nextDouble();
            String word = WORDS[(int) (WORDS.length * r * r * r)];
            text.append(i == 0 ? "" : " ").append(word);
        }
        return text.toString();
    }

    private static Map<String, Object> generatedFields(int kind, SplittableRandom random) {
        String project = random.nextInt(4) == 0 ? "other" : "contextstore";
        return switch (kind) {
            case 0 -> Map.of("title", words(random, 5), "decision", words(random, 25), "tags", List.of(words(random, 1)),
                    "project_id", project);
            case 1 -> Map.of("skill", words(random, 2), "learning", words(random, 25), "project_id", project);
            default -> Map.of("error", words(random, 6) + " failed", "solution", words(random, 20), "project_id", project);
        };
    }

    /**
     * {@code ctx search}'s library call, LocalSearch, over {@code n} items in the org tier, beside the same FTS5
     * MATCH statements (Indexed.searchSql, the library's own text) run directly over plain JDBC on the same file.
     */
    private static void search(int n) throws Exception {
        Path home = Files.createTempDirectory("ctx-bench-search-");
        try (LocalContext context = open(home)) {
            SplittableRandom random = new SplittableRandom(7);
            long started = System.nanoTime();
            for (int written = 0; written < n; written += 10_000) {
                List<Item> batch = new ArrayList<>();
                for (int i = written; i < Math.min(n, written + 10_000); i++) {
                    batch.add(Item.of(i % 3 == 0 ? Kind.DECISION : i % 3 == 1 ? Kind.LEARNING : Kind.ERROR_SOLUTION,
                            generatedFields(i % 3, random), Instant.now()));
                }
                context.recordAll(batch);
            }
            System.err.printf("search bench: %d items written in %.1f s%n", n, (System.nanoTime() - started) / 1e9);
            List<String> queries = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                queries.add(words(random, 1 + random.nextInt(3)));
            }
            LocalSearch search = new LocalSearch(context);
            Filter filter = Filter.all(10);
            java.lang.reflect.Method searchSql = Indexed.class.getDeclaredMethod("searchSql", String.class);
            searchSql.setAccessible(true);
            Map<Tier, Connection> raw = new java.util.EnumMap<>(Tier.class);
            Map<Indexed, PreparedStatement> statements = new java.util.HashMap<>(); // Indexed is a class since ADR 32, no enum
            for (Indexed indexed : filter.kinds()) {
                Path file = home.resolve(indexed.kind().tier().fileName());
                if (Files.exists(file)) {
                    Connection c = raw.computeIfAbsent(indexed.kind().tier(), tier -> connect(file));
                    statements.put(indexed, c.prepareStatement((String) searchSql.invoke(indexed, (Object) null)));
                }
            }
            long[] library = new long[500];
            long[] direct = new long[500];
            long hits = 0;
            for (int i = -100; i < 500; i++) { // 100 warm-up queries (JIT, page cache), not counted
                String query = queries.get(i + 100);
                long t0 = System.nanoTime();
                int found = search.search(query, filter, LocalSearch.Highlight.BRACKETS).size();
                long t1 = System.nanoTime();
                rawSearch(FtsQuery.parse(query), statements, filter.limit());
                long t2 = System.nanoTime();
                if (i >= 0) {
                    library[i] = t1 - t0;
                    direct[i] = t2 - t1;
                    hits += found;
                }
            }
            for (Connection c : raw.values()) {
                c.close();
            }
            Arrays.sort(library);
            Arrays.sort(direct);
            System.out.printf("local search over %d items (SQLite FTS5, every kind, limit 10, 500 queries of 1-3 words, %.1f hits"
                            + " each): LocalSearch p50 %.2f ms, p99 %.2f ms; raw baseline, the same FTS5 MATCH statements over JDBC"
                            + " on the same file: p50 %.2f ms, p99 %.2f ms%n", n, hits / 500.0, pct(library, 50) / 1e6,
                    pct(library, 99) / 1e6, pct(direct, 50) / 1e6, pct(direct, 99) / 1e6);
        }
    }

    private static Connection connect(Path file) {
        try {
            return java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** LocalSearch's two passes (every term, then any term if that leaves room), each row read in full. */
    private static void rawSearch(FtsQuery query, Map<Indexed, PreparedStatement> statements, int limit) throws Exception {
        if (query.isEmpty()) {
            return;
        }
        int rows = rawPass(query.allOf(), statements, limit);
        if (rows < limit && query.hasAlternatives()) {
            rawPass(query.anyOf(), statements, limit);
        }
    }

    private static int rawPass(String match, Map<Indexed, PreparedStatement> statements, int limit) throws Exception {
        int rows = 0;
        for (PreparedStatement select : statements.values()) {
            select.setString(1, "[");
            select.setString(2, "]");
            select.setString(3, match);
            select.setInt(4, limit);
            try (ResultSet result = select.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    for (int c = 1; c <= columns; c++) {
                        result.getObject(c);
                    }
                    rows++;
                }
            }
        }
        return rows;
    }

    private static void enqueue(Path home) {
        try (LocalContext context = open(home)) {
            int n = 1_000;
            long started = System.nanoTime();
            for (int i = 0; i < n; i++) {
                context.record(item("single " + i));
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("enqueue, one durable (synchronous=FULL) commit per write: %d writes in %.2f s = %.0f writes/s%n",
                    n, seconds, n / seconds);
        }
    }

    private static long drain(TestServer server, TestTenant alice, Path home) {
        try (LocalContext context = open(home)) {
            context.login(server.baseUrl(), alice.licenseKey(), "laptop");
            List<Item> items = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                items.add(item("drained " + i));
            }
            context.recordAll(items);
            Session session = context.session(null);
            session.token();
            long started = System.nanoTime();
            SyncReport report = context.sync(session, new Synchronizer.Options(true, false, false, 1_000), SyncObserver.NONE);
            double seconds = (System.nanoTime() - started) / 1e9;
            if (report.drain().acknowledged() != 10_000 || report.queueAfter().pending() != 0) {
                throw new IllegalStateException("drain incomplete: " + report);
            }
            System.out.printf("drain: 10000 queued items, batches of 1000, in %.2f s = %.0f items/s (%d created)%n",
                    seconds, 10_000 / seconds, report.drain().created());
            return report.drain().maxCursor();
        }
    }

    private static void pull(TestServer server, TestTenant alice, Path home, long maxCursor) {
        try (LocalContext context = open(home)) {
            context.login(server.baseUrl(), alice.licenseKey(), "desktop");
            Session session = context.session(null);
            // First let the projector catch up, so the figure is the client's apply rate, not projection lag.
            waitForProjection(session, maxCursor);
            long started = System.nanoTime();
            SyncReport report = context.sync(session, new Synchronizer.Options(false, true, false, 1_000), SyncObserver.NONE);
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("pull: %d events fetched and applied (pages of 1000, one SQLite transaction per page)"
                    + " in %.2f s = %.0f events/s%n", report.pull().events(), seconds, report.pull().events() / seconds);
        }
    }

    private static void waitForProjection(Session session, long cursor) {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            String body = session.api().get("/api/v1/context/status", session.token()).body();
            Object watermark = io.contextstore.client.json.Json.parseObject(body).get("watermark");
            if (watermark instanceof Long w && w >= cursor) {
                return;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(100_000_000L);
        }
        throw new IllegalStateException("the projector did not reach " + cursor);
    }

    private static Item item(String title) {
        return Item.of(Kind.DECISION, Map.of("title", title, "decision", "benchmark decision with a body of some length, "
                + "about as long as a real one: use the batch push, keep the queue durable", "tags", List.of("bench")), Instant.now());
    }

    private static LocalContext open(Path home) {
        return LocalContext.open(new ClientHome(home), Clock.systemUTC(), new SplittableRandom());
    }

    private static long pct(long[] sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
