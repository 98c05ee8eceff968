package io.contextstore.bench;

import io.contextstore.projector.ProjectorProperties;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Sections 2 and 6: the projector beside raw JDBC loads of the same rows (the ceilings), for one tenant's batches and
 * for mixes of 100, 1,000 and 10,000 tenants, with what reading the log alone costs; then its growth with instances
 * and tenants.
 */
record ProjectorSection(BenchStack stack, Profile profile, Report report) {

    /**
     * One run of a section 2 load: its rate, its transactions' mean tenants (NaN where not spread), its CPU time an
     * event (the machine's, and in brackets this JVM's) and the machine's alone as a number.
     */
    private record Load(double rate, double tenantsPerTransaction, String corePerEvent, double machinePerEvent) {

        Load(double rate, double tenantsPerTransaction, CoreTime.Spent spent, long events) {
            this(rate, tenantsPerTransaction, spent.perEvent(events), spent.machinePerEvent(events));
        }

        static Load of(RawJdbcScenario.Result result) {
            return new Load(result.rowsPerSecond(), result.tenantsPerTransaction(), result.spent(), result.rows());
        }

        static Load of(ProjectorScenario.Result result) {
            return new Load(result.eventsPerSecond(), result.tenantsPerBatch(), result.spent(), result.events());
        }

        static Load of(LogRead.Result result) {
            return new Load(result.eventsPerSecond(), Double.NaN, result.spent(), result.events());
        }

        String tenants() {
            return Double.isNaN(tenantsPerTransaction) ? "1" : mean(tenantsPerTransaction);
        }
    }

    void run() throws Exception {
        report.section("2. Projector: events/s into PostgreSQL beside raw JDBC loads of the same rows");
        RawJdbcScenario jdbc = new RawJdbcScenario(stack);
        ProjectorScenario projector = new ProjectorScenario(stack);
        int tenants = profile.projectorTenants();
        int perTenant = profile.projectorEventsPerTenant();
        long events = (long) tenants * perTenant;
        // the projector's defaults: a poll is its transaction, and it has that many consumer threads (connections)
        ProjectorProperties defaults = new Binder(new MapConfigurationPropertySource())
                .bindOrCreate("contextstore.projector", ProjectorProperties.class);
        int poll = defaults.maxPollRecords();
        int connections = defaults.concurrency();
        Rounds<Load> rounds = new Rounds<Load>(profile)
                .add("raw", () -> Load.of(jdbc.multiRowInsert(tenants, perTenant)), Load::rate)
                .add("staged", () -> Load.of(jdbc.stagedCopy(tenants, perTenant)), Load::rate);
        // the same number of events over many more tenants, each with fewer: the mix of a multi-tenant service
        Map<Integer, Integer> mixes = new LinkedHashMap<>();
        ProjectorScenario.Kept kept = projector.keep(); // one instance through the mixes' rounds
        LogRead reader = new LogRead(stack);
        Map<Integer, LogRead.Range> applied = new HashMap<>();
        for (int mix : new int[] {tenants, profile.tenantsAtOnce(), 10 * profile.tenantsAtOnce()}) {
            int each = (int) Math.max(1, events / mix);
            mixes.put(mix, each);
            rounds.add("piped-" + mix, () -> Load.of(jdbc.asLogged(mix, each, poll, connections, AsLogged.TENANTS_PER_TRIP)),
                    Load::rate);
            rounds.add("logged-" + mix, () -> Load.of(jdbc.asLogged(mix, each, poll, connections, 1)), Load::rate);
            rounds.add("projector-" + mix, () -> {
                ProjectorScenario.Result result = kept.run("tenants-" + mix, mix, each);
                applied.put(mix, result.applied());
                return Load.of(result);
            }, Load::rate);
            // rounds run in the order added, so this reads what the projector's round just applied
            rounds.add("read-" + mix, () -> {
                LogRead.Result read = reader.read(applied.get(mix), connections, poll);
                if (read.events() != (long) mix * each) { // a read that decoded less measured less
                    throw new IllegalStateException("the log read decoded " + read.events() + " events of "
                            + (long) mix * each);
                }
                return Load.of(read);
            }, Load::rate);
        }
        Map<String, Rounds.Measured<Load>> measured;
        RawJdbcScenario.Result copy;
        try (jdbc) { // the ceilings' scratch rows go before the next section, not into its autovacuum
            try (kept) {
                measured = rounds.run();
            }
            copy = jdbc.copyWithoutRowLevelSecurity(events);
        }
        // one tenant's 500-row batches on one connection: the easiest shape for the database, for reference
        double best = Math.max(measured.get("raw").median().rate(), measured.get("staged").median().rate());
        report.table("what", "tenants (events each)", "tenants a transaction (mean)", "events/s (median)",
                "share of the mix's ceiling (as read)", "share of one tenant's best load",
                "CPU µs an event, median run: the machine (this JVM)", "every round, events/s");
        String oneTenant = tenants + " (" + perTenant + ")";
        row("raw JDBC multi-row INSERT under RLS, one tenant per 500-row transaction", oneTenant, measured.get("raw"),
                Double.NaN, best);
        row("raw JDBC COPY into a staging table, then INSERT … SELECT under RLS", oneTenant, measured.get("staged"),
                Double.NaN, best);
        report.row(copy.name(), "1", "1", copy.rowsPerSecond(), "-", Scenarios.percent(copy.rowsPerSecond(), best),
                copy.spent().perEvent(copy.rows()), "one run");
        List<String> above = new ArrayList<>();
        StringBuilder shares = new StringBuilder();
        StringBuilder floors = new StringBuilder();
        mixes.forEach((mix, each) -> {
            Rounds.Measured<Load> alone = measured.get("logged-" + mix);
            Rounds.Measured<Load> piped = measured.get("piped-" + mix);
            // the better of the two legal loads is the mix's ceiling
            double ceiling = Math.max(alone.median().rate(), piped.median().rate());
            double figure = measured.get("projector-" + mix).median().rate();
            String shape = String.format("%,d (%,d)", mix, each);
            row(String.format("raw JDBC as read: %d connections, per %,d-row transaction, a round trip per tenant",
                    connections, poll), shape, alone, ceiling, best);
            row(String.format("raw JDBC as read: the same, %d tenants a round trip", AsLogged.TENANTS_PER_TRIP),
                    shape, piped, ceiling, best);
            row("projector, 1 instance", shape, measured.get("projector-" + mix), ceiling, best);
            Rounds.Measured<Load> read = measured.get("read-" + mix);
            report.row(String.format("reading the log alone: the same events, %d consumers, nothing written", connections),
                    shape, "-", read.median().rate(), "-", "-", read.median().corePerEvent(), read.every());
            Load bound = (alone.median().rate() >= piped.median().rate() ? alone : piped).median();
            floors.append(String.format("%s%,d tenants %,.0f µs, beside the ceiling's %,.0f and the projector's %,.0f",
                    floors.isEmpty() ? "" : "; ", mix, read.median().machinePerEvent(), bound.machinePerEvent(),
                    measured.get("projector-" + mix).median().machinePerEvent()));
            shares.append(String.format("%s%,d tenants %s", shares.isEmpty() ? "" : ", ", mix, Scenarios.percent(figure, ceiling)));
            if (figure > ceiling) {
                above.add("projector-" + mix);
            }
        });
        report.note("Target: the projector at least 90% of the ceiling for 100 and for 10,000 tenants. Measured: " + shares
                + ". A mix's ceiling loads the same rows in the order a consumer reads them in a catch-up: a partition at a "
                + "time, as the consumer's fetch hands them out, and in each partition each tenant's n-th event after every "
                + "tenant's n-1-th; in transactions of one projector poll (" + String.format("%,d", poll) + " records) on as many connections at once "
                + "as the projector has consumer threads (" + connections + ", each with the tenants of its range of partitions), each tenant's rows "
                + "of a transaction in one statement that sets the tenant for row-level security and inserts into both "
                + "tables (row-level security needs that setting once per tenant), sent a tenant a round trip or "
                + AsLogged.TENANTS_PER_TRIP + " tenants a round trip; the better of the two is the ceiling. Its events are "
                + "made before its clock starts. One tenant's 500-row batches on one connection, the easiest shape for the "
                + "database, are shown for reference. The projector is one instance, started before the rounds and kept "
                + "through them as a deployed one runs, its search indexer held off (in a round it yields to the "
                + "catching-up projector anyway, ADR 44). CPU an event: the busy time of all the machine's cores over the "
                + "load's clock (/proc/stat), per event, and in brackets this JVM's (the projector, or the ceiling's "
                + "driver); the rest is mostly PostgreSQL's. " + rounds.described());
        report.note("The log's part: the ceiling's events are made before its clock starts, and the projector reads "
                + "them from the log, on the same cores as the broker and the database. Reading the log alone (the "
                + "events the projector's round had just applied, read again by as many consumers with its consumer "
                + "settings, decoded as it decodes them, nothing written) cost the machine, an event, in the median "
                + "runs: " + floors + ". With the cores all busy, 90% of a ceiling's rate leaves the projector about 11% "
                + "more CPU an event than the ceiling for everything it does beside the ceiling's rows, the log included.");
        if (!above.isEmpty()) {
            report.note("FAILED: the projector above its mix's raw load, so that is no ceiling: " + above);
            throw new IllegalStateException("projector above its ceiling: " + above);
        }

        report.section("6. Growth: projector instances and tenants");
        List<ProjectorScenario.Result> growth = new ArrayList<>();
        growth.add(projector.run("one-instance", tenants, perTenant, 1));
        growth.add(projector.run("two-instances", tenants, perTenant, 2));
        long total = (long) tenants * perTenant;
        growth.add(projector.run("one-tenant", 1, (int) total, 1));
        growth.add(projector.run("many-tenants", profile.manyTenants(),
                (int) Math.max(1, total / profile.manyTenants()), 1));
        report.table("projector run", "instances", "tenants", "events", "events/s", "CPU µs an event: the machine (this JVM)");
        for (ProjectorScenario.Result result : growth) {
            report.row(result.name(), result.instances(), result.tenants(), result.events(), result.eventsPerSecond(),
                    result.spent().perEvent(result.events()));
        }
        try (CatchUpScenario catchUp = new CatchUpScenario(stack)) {
            for (ProjectorScenario.Result result : List.of(growth.get(0), growth.get(3))) {
                CatchUpScenario.Result caught = catchUp.run(result.applied(), result.events());
                report.row("audit catch-up of " + result.name() + "'s events", "1 consumer", result.tenants(),
                        caught.events(), caught.eventsPerSecond(), caught.spent().perEvent(caught.events()));
            }
        }
        report.note("Audit catch-up: the loop of `audit verify`, `audit rebuild-live`'s catch-ups and a rebuild "
                + "(CatchUp), over the stretch of the log the run named had just applied, into a scratch schema, on one "
                + "consumer and one connection, with the live projector's code and poll of "
                + String.format("%,d", ProjectorProperties.MAX_POLL_RECORDS) + " records (ADR 53).");
    }

    private void row(String what, String shape, Rounds.Measured<Load> load, double ceiling, double best) {
        Load median = load.median();
        report.row(what, shape, median.tenants(), median.rate(), Double.isNaN(ceiling) ? "-" : Scenarios.percent(median.rate(), ceiling),
                Scenarios.percent(median.rate(), best), median.corePerEvent(), load.every());
    }

    private static String mean(double value) {
        return String.format("%,.1f", value);
    }
}
