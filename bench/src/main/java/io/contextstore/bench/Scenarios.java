package io.contextstore.bench;

import io.contextstore.embedded.PostgresServer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;

/** The scenarios in the order they run, each reported beside its raw baseline from the same run. */
final class Scenarios {

    private final BenchStack stack;
    private final Profile profile;
    private final Report report;

    Scenarios(BenchStack stack, Profile profile, Report report) {
        this.stack = stack;
        this.profile = profile;
        this.report = report;
    }

    /** Every section, in the order the full run takes them; {@code bench/run --only} names some of them. */
    static final List<String> SECTIONS = List.of("ingest", "tenants", "projector", "sealing", "e2e", "stream", "pull",
            "search", "peer", "redaction", "writeback", "memory");

    void runAll() throws Exception {
        run(SECTIONS);
    }

    /** Refuses a name that is no section, before anything starts. */
    static List<String> known(List<String> sections) {
        if (!SECTIONS.containsAll(sections)) {
            throw new IllegalArgumentException("sections are " + SECTIONS + "; not " + sections);
        }
        return sections;
    }

    /** Runs the named sections only (for profiling one of them). */
    void run(List<String> sections) throws Exception {
        known(sections);
        if (sections.contains("ingest")) {
            ingest();
        }
        if (sections.contains("tenants")) {
            new ManyTenantsSection(stack, profile, report).run();
        }
        if (sections.contains("projector")) {
            new ProjectorSection(stack, profile, report).run();
        }
        if (sections.contains("sealing")) {
            sealing();
        }
        if (sections.contains("e2e")) {
            endToEnd();
        }
        if (sections.contains("stream")) {
            stream();
        }
        if (sections.contains("pull")) {
            pull();
        }
        if (sections.contains("search")) {
            search();
        }
        if (sections.contains("peer")) {
            new PeerSection(stack, profile, report).run();
        }
        if (sections.contains("redaction")) {
            redaction();
        }
        if (sections.contains("writeback")) {
            writeback();
        }
        if (sections.contains("memory")) {
            memory();
        }
    }

    /** Sections that need no broker, database nor services. */
    static boolean needsStack(List<String> sections) {
        return !List.of("redaction", "memory").containsAll(sections);
    }

    /**
     * A rate, how long each request or send took in that run (null, or none timed, where there is nothing per request:
     * a pipelined run times no send on its own), how many events it moved, and the CPU time the machine, this JVM and
     * the broker spent on them.
     */
    record Figure(double perSecond, Latencies.Summary latency, long events, CoreTime.Spent spent) {

        String described() {
            return latency == null || latency.count() == 0 ? "-" : latency.describe();
        }

        /** CPU µs an event: the machine's (this JVM's; the broker's). */
        String cpu() {
            return spent == null ? "-" : spent.perEventWithBroker(events);
        }

        double machinePerEvent() {
            return spent == null ? Double.NaN : spent.machinePerEvent(events);
        }
    }

    private void ingest() throws Exception {
        report.section("1. Ingest: pushes through the API beside the raw Kafka producer");
        RawProducerScenario raw = new RawProducerScenario(stack);
        IngestScenario ingest = new IngestScenario(stack);
        String ceiling = "raw producer, pipelined (idempotent, acks=all, lz4, linger 5 ms, batches up to 256 KiB)";
        String oneAtATime = "raw producer, one acknowledged send at a time";
        Map<String, Integer> clients = new LinkedHashMap<>();
        Rounds<Figure> rounds = new Rounds<>(profile);
        rounds.add(ceiling, () -> raw.pipelined(4, profile.rawRecordsPerClient()).figure(), Figure::perSecond);
        rounds.add(oneAtATime, () -> raw.oneAtATime(8, profile.singlePushesPerClient()).figure(), Figure::perSecond);
        clients.put(ceiling, 4);
        clients.put(oneAtATime, 8);
        KafkaToolCeiling tool = new KafkaToolCeiling(stack);
        String toolOne = "Kafka's producer perf tool, 1 partition (one tenant's ceiling)";
        String toolAll = "Kafka's producer perf tool, " + BenchMain.PARTITIONS + " partitions (aggregate ceiling)";
        rounds.add(toolOne, () -> tool.figure(1), Figure::perSecond);
        rounds.add(toolAll, () -> tool.figure(BenchMain.PARTITIONS), Figure::perSecond);
        clients.put(toolOne, 1);
        clients.put(toolAll, 1);
        DedupIndexCeiling index = new DedupIndexCeiling(stack);
        String indexWrite = "PostgreSQL: the dedup-index rows alone, 1,000 a transaction (I2's ceiling)";
        rounds.add(indexWrite, () -> index.figure(2, Math.max(1, profile.batchesPerClient() / 4), 1000),
                Figure::perSecond);
        clients.put(indexWrite, 2);
        for (int[] shape : new int[][] {{1, 8, profile.singlePushesPerClient()}, {100, 4, profile.batchesPerClient()},
                {1000, 2, Math.max(1, profile.batchesPerClient() / 4)}}) {
            String name = "POST /api/v1/context/push, " + (shape[0] == 1 ? "single" : "batch-" + shape[0]);
            clients.put(name, shape[1]);
            rounds.add(name, () -> ingest.run(name.substring(name.indexOf(", ") + 2), shape[1], shape[2], shape[0])
                    .figure(), Figure::perSecond);
        }
        Map<String, Rounds.Measured<Figure>> measured = rounds.run();
        double top = measured.get(ceiling).median().perSecond();
        // one partition's ceiling: the best any producer reached on it in this run, Kafka's tool or the raw producer
        double partition = Math.max(measured.get(toolOne).median().perSecond(), top);
        report.table("what", "clients", "events/s (median)", "latency per request (send), median run",
                "share of raw producer rate", "share of one partition's ceiling", CPU_COLUMN, "every round, events/s");
        measured.forEach((name, figure) -> report.row(name, clients.get(name), figure.median().perSecond(),
                figure.median().described(), percent(figure.median().perSecond(), top),
                name.equals(toolAll) ? "-" : percent(figure.median().perSecond(), partition), figure.median().cpu(),
                figure.every()));
        report.note("Ceilings: Kafka's own tool in its own JVM, sending a thousand of our serialized events (mean "
                + tool.recordSize() + " bytes) folded to 7-bit text for its payload file, so its records compress as ours do;"
                + " idempotent, acks=all, lz4, linger 5 ms, batches up to 256 KiB: ingest's own defaults, read from"
                + " IngestProperties. One tenant's events all go to one partition, so one partition's ceiling (the better"
                + " of the tool and the raw producer there: " + String.format("%,.0f", partition) + " records/s) bounds every single-tenant figure; a push figure above "
                + "it fails the run.");
        List<String> above = measured.entrySet().stream().filter(e -> e.getKey().startsWith("POST"))
                .filter(e -> e.getValue().median().perSecond() > partition).map(Map.Entry::getKey).toList();
        if (!above.isEmpty()) {
            report.note("FAILED: above one partition's ceiling, so that ceiling is not one: " + above);
            throw new IllegalStateException("figures above their ceiling: " + above);
        }
        double batched = Math.max(measured.get("POST /api/v1/context/push, batch-100").median().perSecond(),
                measured.get("POST /api/v1/context/push, batch-1000").median().perSecond());
        double indexCeiling = measured.get(indexWrite).median().perSecond();
        report.note("A push's dedup-index rows are committed before its 2xx (I2), so batched ingest is bounded by "
                + "PostgreSQL's write of those rows as well as by Kafka: " + String.format("%,.0f", indexCeiling)
                + " rows/s in this run (2 connections, the ingest role under RLS, nothing else); batch-1000 pushes reached "
                + percent(measured.get("POST /api/v1/context/push, batch-1000").median().perSecond(), indexCeiling)
                + " of it.");
        double rowCost = measured.get(indexWrite).median().machinePerEvent();
        double recordCost = measured.get(ceiling).median().machinePerEvent();
        report.note(CPU_NOTE + " " + halfBudget(top, "the raw producer's") + String.format(" What no push can do "
                + "without: its record in Kafka, %,.0f µs (the raw producer's), and its dedup-index row, %,.0f µs (the rows"
                + " alone): %,.0f µs an event together.", recordCost, rowCost, recordCost + rowCost));
        report.note("Target: batched ingest at least 50% of the raw producer rate. Measured: " + percent(batched, top)
                + ". Single-item pushes beside one-at-a-time raw sends: "
                + percent(measured.get("POST /api/v1/context/push, single").median().perSecond(),
                measured.get(oneAtATime).median().perSecond()) + ". " + rounds.described());
    }

    private void sealing() throws Exception {
        report.section("2b. Sealing (ADR 33): ingest and projector with encryption on, as a ratio to the same run without");
        SealingScenario sealing = new SealingScenario(stack, profile);
        List<SealingScenario.Pair> pairs = List.of(
                sealing.ingest("single", 8, profile.singlePushesPerClient(), 1),
                sealing.ingest("batch-100", 4, profile.batchesPerClient(), 100),
                sealing.projector());
        report.table("what", "events/s, not sealed", "events/s, sealed", "sealed / not sealed", "every run, in order");
        for (SealingScenario.Pair pair : pairs) {
            report.row(pair.what(), pair.clear(), pair.sealed(), percent(pair.sealed(), pair.clear()), pair.runs());
        }
        report.note("Sealed: text and tags of each decision encrypted with AES-256-GCM under the tenant's data key, the "
                + "content hash an HMAC under it; ingest reads (or creates) the subject keys in one more transaction per "
                + "push; the projector reads a tenant's keys once and remembers them until an erasure, and opens each event. "
                + "Each side ran twice (clear, sealed, sealed, clear); the better run of each is compared.");
    }

    private void endToEnd() throws Exception {
        report.section("3. End to end: push → visible in a pull from another device, at steady rates");
        ConfigurableApplicationContext projector = stack.startProjector();
        int marked;
        java.time.Duration settled;
        try {
            Log log = new Log(stack);
            log.awaitProjected(log.endOffsets(), java.time.Duration.ofMinutes(10));
            marked = log.markIndexed();
            settled = log.settle();
            EndToEndScenario scenario = new EndToEndScenario(stack, projector);
            scenario.run(100, java.time.Duration.ofSeconds(10)); // warm-up (JIT, pools), not reported
            report.table(EndToEndScenario.Result.headers("rate (events/s)"));
            for (int rate : profile.endToEndRates()) {
                EndToEndScenario.Result result = scenario.run(rate, profile.endToEndDuration());
                report.row(result.row(rate));
                report.endToEndPoint(rate, result.visible().p50(), result.visible().p99());
            }
        } finally {
            stack.stopProjectors();
        }
        report.note("Chart: [e2e-latency.svg](e2e-latency.svg). Target: p99 at most 50 ms at 1,000 events/s. Steady state: "
                + "before the rates the projector caught up with the log, and what the earlier sections projected ("
                + String.format("%,d", marked) + " tenants) was marked as indexed for search instead of indexed: the "
                + "indexer, which yields while the projector catches up (ADR 44), would have spent longer on it than "
                + "the rest of the run takes; then the database was vacuumed and checkpointed (" + settled.toSeconds()
                + " s), so that autovacuum's first pass over those sections' millions of rows does not run through the "
                + "rates: under a steady load alone each pass covers only the pages written since the last. "
                + "Age at the projector's commit: the projector's own histogram of it (contextstore.projector.event.age) over "
                + "the rate, from each record's timestamp in the log (set by ingest as it sends) to the commit that "
                + "applied it, each figure the upper bound of its bucket: the projector's part of visible, which also holds "
                + "the push's reads before it sends (and its own end, when that comes later), the wake-up and the page. "
                + "PostgreSQL's housekeeping: the tables autovacuum worked on during the rate, "
                + "sampled every 250 ms, and the checkpoints completed; the measured load shares the two cores with it. "
                + "Cores busy: the machine's CPU time over the rate's wall time on all cores (/proc/stat), and the share "
                + "of it that was the JVM of the services and the driver; the rest is mostly the broker and PostgreSQL.");
    }

    private void stream() throws Exception {
        report.section("3b. Live stream: push → seen on a Server-Sent Events stream, many streams open on one instance");
        int streams = Integer.getInteger("bench.streams", profile.streams());
        StreamScenario.Result result;
        Map<String, Rounds.Measured<Latencies.Summary>> held;
        int pulls = profile.name().equals("quick") ? 50 : 400;
        stack.startProjector();
        try {
            new Log(stack).awaitProjected(new Log(stack).endOffsets(), java.time.Duration.ofMinutes(10));
            result = new StreamScenario(stack).run(streams, Math.max(1, streams / 10), BenchMain.PARTITIONS, 1000, profile.endToEndDuration());
            held = new HeldShareScenario(stack).run(256, 64, pulls, profile.rounds());
        } finally {
            stack.stopProjectors();
        }
        report.table("streams (tenants)", "rate (events/s)", "push p50 / p99 (ms)", "seen p50 (ms)", "seen p99 (ms)",
                "seen p99.9 (ms)", "of which projected p50 / p99", "projected → seen p50 / p99",
                "deliveries / expected", "heap per open stream");
        report.row(String.format("%,d (%,d)", result.streams(), result.tenants()), result.rate(),
                String.format("%.1f / %.1f", result.pushes().p50(), result.pushes().p99()),
                String.format("%.1f", result.seen().p50()), String.format("%.1f", result.seen().p99()),
                String.format("%.1f", result.seen().p999()),
                String.format("%.1f / %.1f", result.projected().p50(), result.projected().p99()),
                String.format("%.1f / %.1f", result.delivered().p50(), result.delivered().p99()),
                String.format("%,d / %,d", result.deliveries(), result.expected()),
                String.format("%,.1f KiB", result.heapPerStreamBytes() / 1024.0));
        report.note("Each push goes to one tenant (round robin), and every stream of that tenant (ten: five members on two "
                + "machines each) must see it: the "
                + "latency runs from sending the push to a stream's receipt of the event's id, after a 10 s warm-up at the "
                + "same rate (a projector that has just joined holds no partition for the broker's first rebalance "
                + "delay). Projected: push → the projector's offsets passing the event, sampled every 5 ms; projected → "
                + "seen is the stream's own share. Heap per stream: heap after "
                + "a collection with the streams open less before, over their number; the clients (one JDK HttpClient) "
                + "are in the same JVM, so it bounds the server's share from above.");

        report.table("another tenant's plain pulls (100 events a page)", "median round", "p99 of every round (ms)");
        held.forEach((name, measured) -> report.row(name, measured.median().describe(), measured.rates().stream()
                .map(rate -> String.format("%.1f", -rate)).collect(java.util.stream.Collectors.joining(", "))));
        report.note("Held: one tenant's whole share of the instance, 256 open streams and 64 waiting pulls (wait_for far "
                + "ahead, timeout_ms 30000) from sockets that never read; its rounds alternate with the same pulls with "
                + "nothing held. Target: the other tenant's p99 under 50 ms while held.");
    }

    private void pull() {
        report.section("4. Pull: 500-event pages and a full catch-up");
        PullScenario pull = new PullScenario(stack);
        report.table("tenant events", "500-event page latency (random cursors)", "catch-up events/s (1,000 per page)");
        for (int size : new int[] {profile.pullSmallTenant(), profile.pullLargeTenant()}) {
            BenchStack.Tenant tenant = pull.tenantWith(size);
            PullScenario.PageResult pages = pull.pages(tenant, profile.pageRequests());
            PullScenario.CatchUpResult catchUp = pull.catchUp(tenant, 1000);
            if (catchUp.events() != size) {
                throw new IllegalStateException("catch-up saw " + catchUp.events() + " of " + size + " events");
            }
            report.row(size, pages.pages().describe(), String.format("%,.0f (%,d events in %.1f s)",
                    catchUp.eventsPerSecond(), catchUp.events(), catchUp.took().toMillis() / 1000.0));
        }
    }

    private void search() throws Exception {
        report.section("4b. Search: GET /api/v1/context/search beside its own SQL over JDBC");
        boolean quick = profile.name().equals("quick");
        int events = Integer.getInteger("bench.search.events", quick ? 2_000 : 1_000_000);
        int requests = Integer.getInteger("bench.search.requests", quick ? 20 : 100);
        SearchScenario search = new SearchScenario(stack);
        SearchScenario.Load load = search.tenantWith(events);
        BenchStack.Tenant tenant = load.tenant();
        report.table("q (limit 20)", "items matching every word", "through the API", "the same SQL over JDBC");
        for (SearchScenario.Result result : search.run(tenant, requests)) {
            report.row("`" + result.query() + "`", result.matches(), result.api().describe(), result.jdbc().describe());
        }
        report.note(String.format("One tenant with %,d decisions (about 40 words each, skewed vocabulary), projected in"
                + " %.0f s and searchable (indexed behind the projector) after %.0f s, %,.0f events/s; %d requests per"
                + " query after 20 warm-up ones, one client, API and JDBC alternating. Target: p99 at most 30 ms.",
                events, load.projected().toMillis() / 1000.0, load.indexed().toMillis() / 1000.0,
                events / (load.indexed().toMillis() / 1000.0), requests));
    }

    private void redaction() {
        report.section("4c. Secret detector: throughput on realistic content beside a single-regex scan");
        boolean quick = profile.name().equals("quick");
        double seconds = quick ? 0.5 : 5;
        RedactionScenario scenario = new RedactionScenario();
        List<RedactionScenario.Result> results = List.of(
                scenario.run("session transcripts (messages, commands, output)", scenario.transcripts(quick ? 500 : 5_000), seconds),
                scenario.run("source code (this repository's main Java files)", RedactionScenario.code(java.nio.file.Path.of("."),
                        quick ? 100 : 2_000), seconds),
                scenario.run("service logs (blocks of 100 lines)", scenario.logs(quick ? 20 : 200), seconds));
        report.table("content", "items", "MB", "secrets found", "detector (17 rules), MB/s", "one regex (ceiling), MB/s",
                "detector / ceiling");
        for (RedactionScenario.Result result : results) {
            report.row(result.content(), result.items(), String.format("%.1f", result.bytes() / 1e6), result.findings(),
                    String.format("%.0f", result.detectorMBps()), String.format("%.0f", result.ceilingMBps()),
                    percent(result.detectorMBps(), result.ceilingMBps()));
        }
        report.note("One thread, item by item as `ctx` redacts before the queue and ingest checks a push; each figure after"
                + " three warm-up passes, passes repeated for " + seconds + " s. The ceiling is `ghp_[A-Za-z0-9]{36}` alone"
                + " over the same strings. One pass over a text finds every rule's keywords; a rule's pattern is tried only"
                + " around them (ADR 31).");
    }

    private void writeback() throws Exception {
        report.section("2c. Housekeeping beside live commits: a vacuum's first pass over a bulk load, with and without the"
                + " backends' write-back");
        boolean quick = profile.name().equals("quick");
        WritebackScenario scenario = new WritebackScenario(stack, quick ? 20_000 : 1_400_000);
        scenario.create();
        try {
            report.table("what", "vacuum took (s)", "commits", "commit p50 (ms)", "p99 (ms)", "p99.9 (ms)", "max (ms)",
                    "most dirty in the kernel (MB)");
            row("commits alone (the ceiling)", scenario.alone(Duration.ofSeconds(quick ? 2 : 20)));
            for (int round = 1; round <= (quick ? 1 : 2); round++) {
                row("vacuum, `backend_flush_after = 0` (PostgreSQL's default), round " + round, scenario.vacuumed("0"));
                row("vacuum, `backend_flush_after = " + PostgresServer.BACKEND_FLUSH_AFTER + "` (the embedded stack's), round "
                        + round, scenario.vacuumed(PostgresServer.BACKEND_FLUSH_AFTER));
            }
        } finally {
            scenario.drop();
        }
        report.note("Four connections commit a one-row insert each, 200 a second in all, while `VACUUM (ANALYZE)` makes its"
                + " first pass over a table just loaded with " + (quick ? "20,000" : "1,400,000") + " rows of about 1.2 KiB"
                + " and two indexes (about 1.7 GB), as autovacuum does after an import, a replay or a projector's catch-up. Each"
                + " commit is timed from when it was due, so those queued behind a stalled one count as a client sees them."
                + " The vacuum runs at autovacuum's pace (cost delay 2 ms, limit 200) and sets the backends' write-back for"
                + " itself; each round loads the table afresh and checkpoints before it starts. That pass dirties every page"
                + " of the table: without write-back the kernel holds them and writes them out in bursts, and a commit's WAL"
                + " flush behind a burst waits (ADR 47). Most dirty: the largest `Dirty` of /proc/meminfo, sampled every"
                + " 250 ms.");
    }

    private void row(String what, WritebackScenario.Result result) {
        Latencies.Summary commits = result.commits();
        report.row(what, result.vacuum().isZero() ? "-" : String.format("%.1f", result.vacuum().toMillis() / 1000.0),
                commits.count(), String.format("%.2f", commits.p50()), String.format("%.2f", commits.p99()),
                String.format("%.1f", commits.p999()), String.format("%.1f", commits.max()),
                result.peakDirtyKb() < 0 ? "-" : String.format("%,d", result.peakDirtyKb() / 1024));
    }

    private void memory() throws Exception {
        report.section("7. Memory: the embedded stack as `./contextstore up` runs it, idle and under steady pushes");
        boolean quick = profile.name().equals("quick");
        Duration load = quick ? Duration.ofSeconds(5) : Duration.ofSeconds(60);
        MemoryScenario.Result result = new MemoryScenario().run(1000, Duration.ofSeconds(quick ? 2 : 20), load, 4);
        report.table("state", "services JVM (MiB)", "broker JVM (MiB)", "PostgreSQL (MiB, processes)", "total (MiB)");
        memoryRow("idle, " + (quick ? 2 : 20) + " s after ready", result.idle());
        for (int i = 0; i < result.stretches().size(); i++) {
            MemoryScenario.Stretch stretch = result.stretches().get(i);
            memoryRow(String.format("pushing %,d events/s, %s (%,d events), the largest total sampled each second",
                    result.rate(), stretched(i, load), stretch.events()), stretch.peak());
        }
        report.note("Proportional set size (PSS, from /proc/PID/smaps_rollup) of every process of one `./contextstore up`"
                + " with its defaults, started fresh in this run: a page shared by processes (PostgreSQL's shared buffers,"
                + " the JDK's class data) counts once over all of them, so the parts add up to what the machine gives."
                + " The bench's own stack (idle at this point) is not counted.");
        report.table("the same load, as devices see it", "push p50 / p99 (ms)", "visible p50 (ms)", "visible p99 (ms)",
                "visible p99.9 (ms)", "visible, the slowest (ms)", "not visible within 10 s");
        for (int i = 0; i < result.stretches().size(); i++) {
            PushThenPull devices = result.stretches().get(i).devices();
            Latencies.Summary pushes = devices.pushes();
            Latencies.Summary visible = devices.visible();
            report.row(String.format("%,d events/s, %s", result.rate(), stretched(i, load)),
                    String.format("%.1f / %.1f", pushes.p50(), pushes.p99()), String.format("%.1f", visible.p50()),
                    String.format("%.1f", visible.p99()), String.format("%.1f", visible.p999()),
                    String.format("%.1f", visible.max()), devices.missed());
        }
        report.note("Each push of the load above is followed by a pull on another device of the tenant that waits for "
                + "its last item, as section 3 drives the bench's stack; the time runs from sending the push. This is "
                + "the stack a user runs, with its launcher's settings (the services' heap starts at 64 MB and may grow "
                + "to 512 MB), and the load meets it just started: the first stretch includes the compiler's first work "
                + "on the hot paths and the heap's growth, on the same two cores. Section 3's stack runs in the bench's "
                + "JVM, its heap fixed at 2 GB, and meets its rates after the sections before it. Section 3's target, "
                + "for comparison: visible p99 at most 50 ms at 1,000 events/s.");
    }

    private void memoryRow(String state, MemoryScenario.Sample at) {
        report.row(state, mib(at.services()), mib(at.broker()), mib(at.postgres()) + " (" + at.postgresProcesses() + ")",
                mib(at.total()));
    }

    private static String stretched(int stretch, Duration load) {
        return String.format("%d-%d s of the load", stretch * load.toSeconds(), (stretch + 1) * load.toSeconds());
    }

    private static String mib(long kib) {
        return String.format("%,.0f", kib / 1024.0);
    }

    /** A section 2 row: the load's median run beside {@code ceiling} (NaN: none) and one tenant's {@code best} load. */
    /** The header of sections 1 and 1b's CPU column. */
    static final String CPU_COLUMN = "CPU µs an event, median run: the machine (this JVM; the broker)";

    static final String CPU_NOTE = "CPU an event: the busy time of all the machine's cores over the load's clock "
            + "(/proc/stat), per event, and in brackets this JVM's (the services and the driver) and the broker's JVM's; "
            + "the rest is mostly PostgreSQL's, and for Kafka's tool its own JVM, whose start is on that clock.";

    /** What half a ceiling's rate leaves each event of the machine's cores, all of them busy: the 50% targets' budget. */
    static String halfBudget(double ceiling, String whose) {
        int cores = Runtime.getRuntime().availableProcessors();
        return String.format("At half %s rate, the %d cores, all busy, give %,.0f µs an event for everything a push "
                + "costs.", whose, cores, cores * 1e6 / (ceiling / 2));
    }

    static String percent(double part, double whole) {
        return String.format("%.0f%%", 100 * part / whole);
    }
}
