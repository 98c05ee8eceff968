package io.contextstore.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Section 1b (issue 16): ingest with many tenants pushing at once, spread over every partition, beside Kafka's own
 * producer tool over as many partitions (the aggregate ceiling) in the same alternating rounds; then push → visible in
 * a pull from another device at 1,000 events/s spread over the same tenants.
 */
record ManyTenantsSection(BenchStack stack, Profile profile, Report report) {

    /**
     * Four times section 1's clients (4 of batches, 8 of single items), so requests are always waiting on the server:
     * the rate is the server's, not the driver's pace (the driver's clients spend their time waiting for answers).
     */
    private static final int BATCH_CLIENTS = 16;
    private static final int SINGLE_CLIENTS = 32;
    private static final int BATCH = 100;
    private static final int END_TO_END_RATE = 1000;

    void run() throws Exception {
        int count = profile.tenantsAtOnce();
        report.section(String.format("1b. Many tenants at once: %,d tenants over all %d partitions, beside Kafka's "
                + "aggregate ceiling", count, BenchMain.PARTITIONS));
        long made = System.nanoTime();
        List<BenchStack.Tenant> tenants = stack.tenants("many", count);
        List<String> readers = stack.logins(tenants, "reader-device");
        double setUp = (System.nanoTime() - made) / 1e9;
        ingest(tenants);
        report.note(String.format("Tenants per partition: %s (%,d tenants, a license key and two device logins each,"
                + " made in %.1f s).", spread(tenants), count, setUp));
        endToEnd(tenants, readers);
        report.note(String.format("The section took %.0f s.", (System.nanoTime() - made) / 1e9));
    }

    private void ingest(List<BenchStack.Tenant> tenants) throws Exception {
        IngestScenario ingest = new IngestScenario(stack);
        KafkaToolCeiling tool = new KafkaToolCeiling(stack);
        String ceiling = "Kafka's producer perf tool, " + BenchMain.PARTITIONS + " partitions (aggregate ceiling)";
        String batched = "POST /api/v1/context/push, batch-" + BATCH;
        String single = "POST /api/v1/context/push, single";
        Map<String, Integer> clients = new LinkedHashMap<>();
        clients.put(ceiling, 1);
        clients.put(batched, BATCH_CLIENTS);
        clients.put(single, SINGLE_CLIENTS);
        Rounds<Scenarios.Figure> rounds = new Rounds<Scenarios.Figure>(profile)
                .add(ceiling, () -> tool.figure(BenchMain.PARTITIONS), Scenarios.Figure::perSecond)
                .add(batched, () -> ingest.run("many-batch", tenants, BATCH_CLIENTS,
                        perClient(profile.batchesPerClient(), BATCH_CLIENTS, tenants.size()), BATCH).figure(),
                        Scenarios.Figure::perSecond)
                .add(single, () -> ingest.run("many-single", tenants, SINGLE_CLIENTS,
                        perClient(profile.singlePushesPerClient(), SINGLE_CLIENTS, tenants.size()), 1).figure(),
                        Scenarios.Figure::perSecond);
        Map<String, Rounds.Measured<Scenarios.Figure>> measured = rounds.run();
        double top = measured.get(ceiling).median().perSecond();
        report.table("what", "tenants", "clients", "events/s (median)", "latency per request, median run",
                "share of the aggregate ceiling", Scenarios.CPU_COLUMN, "every round, events/s");
        measured.forEach((name, figure) -> report.row(name, name.equals(ceiling) ? "-" : tenants.size(),
                clients.get(name), figure.median().perSecond(), figure.median().described(),
                Scenarios.percent(figure.median().perSecond(), top), figure.median().cpu(), figure.every()));
        report.note("Each request goes to one tenant, the requests of a moment to different tenants (round robin), so "
                + "every partition is written at once, and every tenant pushes in every run. The ceiling is the tool of section 1 over a topic of as many "
                + "partitions, in the same rounds. Target: aggregate batched ingest at least 50% of it. Measured: "
                + Scenarios.percent(measured.get(batched).median().perSecond(), top) + ". " + Scenarios.CPU_NOTE + " "
                + Scenarios.halfBudget(top, "the aggregate ceiling's") + " " + rounds.described());
        List<String> above = measured.entrySet().stream().filter(e -> !e.getKey().equals(ceiling))
                .filter(e -> e.getValue().median().perSecond() > top).map(Map.Entry::getKey).toList();
        if (!above.isEmpty()) {
            report.note("FAILED: above the aggregate ceiling, so that ceiling is not one: " + above);
            throw new IllegalStateException("figures above their ceiling: " + above);
        }
    }

    private void endToEnd(List<BenchStack.Tenant> tenants, List<String> readers) throws Exception {
        EndToEndScenario.Result result;
        int marked;
        Duration settled;
        ConfigurableApplicationContext projector = stack.startProjector();
        try {
            Log log = new Log(stack);
            log.awaitProjected(log.endOffsets(), Duration.ofMinutes(10));
            marked = log.markIndexed();
            settled = log.settle();
            EndToEndScenario scenario = new EndToEndScenario(stack, projector);
            Duration duration = profile.endToEndDuration();
            // warm-up at the same rate and spread (JIT, pools, the projector's first rebalance), not reported
            scenario.run(END_TO_END_RATE, duration.compareTo(Duration.ofSeconds(10)) < 0 ? duration : Duration.ofSeconds(10),
                    tenants, readers);
            result = scenario.run(END_TO_END_RATE, duration, tenants, readers);
        } finally {
            stack.stopProjectors();
        }
        report.table(EndToEndScenario.Result.headers("push → visible, spread over", "rate (events/s)"));
        report.row(result.row(String.format("%,d tenants", tenants.size()), END_TO_END_RATE));
        report.note("As section 3 (100 pushes a second, batches sized to the rate, each followed by a pull that waits for"
                + " it on the member's other device), but push n goes to tenant n mod " + tenants.size() + ", after a "
                + "warm-up at the same rate and spread, with what sections 1 and 1b pushed marked as indexed for search ("
                + String.format("%,d", marked) + " tenants) and the database vacuumed and checkpointed ("
                + settled.toSeconds() + " s), as in section 3. Target: section 3's at the same rate.");
    }

    /**
     * Requests a client sends in a run: as many in all as section 1's row ({@code sectionOne} from each of a quarter as
     * many clients), and at least one for every tenant, so every tenant pushes in every run.
     */
    static int perClient(int sectionOne, int clients, int tenants) {
        return Math.max(sectionOne / 4, (tenants + clients - 1) / clients);
    }

    /** The fewest and the most tenants on one partition, and on how many partitions there are some. */
    private static String spread(List<BenchStack.Tenant> tenants) {
        Map<Integer, Integer> counts = new TreeMap<>();
        tenants.forEach(t -> counts.merge(ProjectionWatch.partitionOf(t.id(), BenchMain.PARTITIONS), 1, Integer::sum));
        return String.format("%d to %d, on %d of %d partitions",
                counts.values().stream().mapToInt(Integer::intValue).min().orElse(0),
                counts.values().stream().mapToInt(Integer::intValue).max().orElse(0), counts.size(), BenchMain.PARTITIONS);
    }
}
