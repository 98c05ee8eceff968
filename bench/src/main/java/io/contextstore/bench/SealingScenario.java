package io.contextstore.bench;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What sealing costs (ADR 33): the same ingest runs against two ingest APIs beside each other on the same
 * broker and database, one with the master key and one without, and the same projector run over a log of
 * plain and of sealed decisions. Each side runs twice, in the order clear, sealed, sealed, clear (the tables
 * grow from run to run, so neither side always runs on the smaller ones), and its better run counts, so a
 * burst of noise on the shared machine does not decide the ratio; every run is reported.
 */
final class SealingScenario {

    /** One comparison: the better events/s without sealing and with it, and every run in the order they ran. */
    record Pair(String what, double clear, double sealed, String runs) {
    }

    private final BenchStack stack;
    private final Profile profile;

    SealingScenario(BenchStack stack, Profile profile) {
        this.stack = stack;
        this.profile = profile;
    }

    Pair ingest(String name, int clients, int requestsPerClient, int batchSize) throws Exception {
        double[] best = alternating(sealed -> {
            try (ConfigurableApplicationContext ingest = stack.startIngest(sealed)) {
                String url = "http://127.0.0.1:" + ((WebServerApplicationContext) ingest).getWebServer().getPort();
                return new IngestScenario(stack, url).run(name + (sealed ? "-sealed" : "-clear"), clients,
                        requestsPerClient, batchSize).eventsPerSecond();
            }
        });
        return pair("POST /api/v1/context/push, " + name + ", " + clients + " clients", best);
    }

    Pair projector() throws Exception {
        ProjectorScenario projector = new ProjectorScenario(stack);
        int tenants = profile.projectorTenants();
        int perTenant = profile.projectorEventsPerTenant();
        double[] best = alternating(sealed -> projector.run(sealed ? "sealed" : "clear", tenants, perTenant, 1, sealed)
                .eventsPerSecond());
        return pair("projector, 1 instance, " + tenants + " tenants x " + perTenant + " decisions", best);
    }

    /** One run (events/s), without sealing or with it. */
    private interface Run {
        double eventsPerSecond(boolean sealed) throws Exception;
    }

    /** Not sealed, sealed, sealed, not sealed: {better clear, better sealed, then each run's events/s in order}. */
    private static double[] alternating(Run run) throws Exception {
        double[] result = new double[6];
        boolean[] order = {false, true, true, false};
        for (int round = 0; round < order.length; round++) {
            double rate = run.eventsPerSecond(order[round]);
            result[2 + round] = rate;
            result[order[round] ? 1 : 0] = Math.max(result[order[round] ? 1 : 0], rate);
        }
        return result;
    }

    private static Pair pair(String what, double[] result) {
        return new Pair(what, result[0], result[1], String.format("clear %,.0f, sealed %,.0f, sealed %,.0f, clear %,.0f",
                result[2], result[3], result[4], result[5]));
    }
}
