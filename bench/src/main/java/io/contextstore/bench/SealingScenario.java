package io.contextstore.bench;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What sealing costs (ADR 33): the same ingest runs against two ingest APIs beside each other on the same
 * broker and database, one with the master key and one without, and the same projector run over a log of
 * plain and of sealed decisions. Each side runs twice, alternating, and its better run counts, so a burst
 * of noise on the shared machine does not decide the ratio.
 */
final class SealingScenario {

    /** One comparison: events/s without sealing and with it. */
    record Pair(String what, double clear, double sealed) {
        double ratio() {
            return sealed / clear;
        }
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
        return new Pair("POST /api/v1/context/push, " + name + ", " + clients + " clients", best[0], best[1]);
    }

    Pair projector() throws Exception {
        ProjectorScenario projector = new ProjectorScenario(stack);
        int tenants = profile.projectorTenants();
        int perTenant = profile.projectorEventsPerTenant();
        double[] best = alternating(sealed -> projector.run(sealed ? "sealed" : "clear", tenants, perTenant, 1, sealed)
                .eventsPerSecond());
        return new Pair("projector, 1 instance, " + tenants + " tenants x " + perTenant + " decisions", best[0], best[1]);
    }

    /** One run (events/s), without sealing or with it. */
    private interface Run {
        double eventsPerSecond(boolean sealed) throws Exception;
    }

    /** Not sealed, sealed, not sealed, sealed: the better of each side, {clear, sealed}. */
    private static double[] alternating(Run run) throws Exception {
        double[] best = new double[2];
        for (int round = 0; round < 4; round++) {
            boolean sealed = round % 2 == 1;
            best[sealed ? 1 : 0] = Math.max(best[sealed ? 1 : 0], run.eventsPerSecond(sealed));
        }
        return best;
    }
}
